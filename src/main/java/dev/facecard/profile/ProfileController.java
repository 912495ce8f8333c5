package dev.facecard.profile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.auth.ApiCaller;
import dev.facecard.avatar.AvatarUrls;
import dev.facecard.ratelimit.DeferredLimit;
import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.shared.web.ConditionalRequests;
import dev.facecard.shared.web.HeaderBytes;
import dev.facecard.shared.web.PublicPaths;
import dev.facecard.shared.web.error.UnauthorizedException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/get-public-user-profile}, the xiangcao contract's endpoint, its batch
 * and GET forms, and {@code POST /api/get-user-profile}, the caller's own profile.
 */
@RestController
public class ProfileController implements ProfileApiDocs {

	private static final HeaderBytes.Name ETAG = HeaderBytes.Name.of(HttpHeaders.ETAG);

	private static final HeaderBytes.Name VARY = HeaderBytes.Name.of(HttpHeaders.VARY);

	private static final HeaderBytes.Name CACHE_CONTROL = HeaderBytes.Name.of(HttpHeaders.CACHE_CONTROL);

	private static final byte[] PROFILES = "{\"profiles\":[".getBytes(StandardCharsets.UTF_8);

	private static final byte[] NOT_FOUND = "],\"notFound\":".getBytes(StandardCharsets.UTF_8);

	private static final String PRIVATE_NO_STORE = "private, no-store";

	private final ProfileService profiles;

	private final AvatarUrls avatarUrls;

	private final JsonMapper json;

	private final String publicCaching;

	private final String privateCaching;

	private final Duration bodyDeadline;

	public ProfileController(ProfileService profiles, AvatarUrls avatarUrls, JsonMapper json,
			FacecardProperties properties) {
		this.profiles = profiles;
		this.avatarUrls = avatarUrls;
		this.json = json;
		this.publicCaching = CacheControl.maxAge(properties.profile().maxAge()).cachePublic().getHeaderValue();
		this.privateCaching = CacheControl.maxAge(properties.profile().maxAge()).cachePrivate().getHeaderValue();
		this.bodyDeadline = properties.deadlines().body();
	}

	@Override
	@PostMapping(PublicPaths.PROFILE)
	public void getPublicUserProfile(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ProfileRequest body = ProfileRequest.read(request.getInputStream(), request.getContentLengthLong(),
				this.bodyDeadline, this.json);
		writeJson(response, this.profiles.findJson(body.userId(), ApiCaller.of(request)));
	}

	@Override
	@GetMapping(PublicPaths.PROFILE)
	public void getPublicUserProfileByGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		// a conditional request's budget was left for now: only a 304 for a tag the
		// client holds is free; every other outcome (200, 400, 404, and "*", which would
		// tell whether a user exists) pays, once
		boolean charged = false;
		try {
			ProfileRequest query = ProfileRequest.fromQuery(request);
			Optional<ApiCaller> caller = ApiCaller.of(request);
			ProfileService.Card card = this.profiles.findCard(query.userId(), caller);
			String etag = card.etag();
			String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
			boolean notModified = ifNoneMatch != null && ConditionalRequests.matchesAny(ifNoneMatch, etag);
			if (!notModified || ifNoneMatch.contains("*")) {
				charged = true;
				DeferredLimit.FULL_ANSWER.enforce(request, response);
			}
			HeaderBytes.set(request, response, ETAG, etag);
			// beside CORS' Vary: Origin
			HeaderBytes.add(request, response, VARY, HttpHeaders.AUTHORIZATION);
			// a shared cache may keep only what no request header changed: not the
			// caller's isFollowing, and not an avatarUrl built from the request's Host
			// (facecard.public-base-url unset)
			boolean shared = caller.isEmpty() && this.avatarUrls.hasFixedBase();
			HeaderBytes.set(request, response, CACHE_CONTROL, shared ? this.publicCaching : this.privateCaching);
			if (notModified) {
				response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
				return;
			}
			writeJson(response, card.json());
		}
		catch (RuntimeException ex) {
			if (!charged) {
				charged = true;
				DeferredLimit.FULL_ANSWER.enforce(request, response);
			}
			throw ex;
		}
	}

	@Override
	@PostMapping(PublicPaths.PROFILES)
	public void getPublicUserProfiles(HttpServletRequest request, HttpServletResponse response) throws IOException {
		BatchProfilesRequest body = BatchProfilesRequest.read(request.getInputStream(), request.getContentLengthLong(),
				this.bodyDeadline, this.json);
		// the gate took one request; the rest of the batch's price is taken before any
		// lookup
		DeferredLimit.MORE_UNITS.enforce(request, response, body.units() - 1);
		ProfileService.Batch batch = this.profiles.findJson(body.userIds(), ApiCaller.of(request));
		ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 512 * batch.profiles().size());
		out.writeBytes(PROFILES);
		for (int i = 0; i < batch.profiles().size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			out.writeBytes(batch.profiles().get(i));
		}
		out.writeBytes(NOT_FOUND);
		out.writeBytes(this.json.writeValueAsBytes(batch.notFound()));
		out.write('}');
		writeJson(response, out.toByteArray());
	}

	@Override
	@PostMapping(PublicPaths.OWN_PROFILE)
	public void getUserProfile(HttpServletRequest request, HttpServletResponse response) throws IOException {
		OwnProfileRequest.read(request.getInputStream(), request.getContentLengthLong(), this.bodyDeadline, this.json);
		// the API gate refuses this path without a valid key; a caller is always there
		ApiCaller caller = ApiCaller.of(request)
			.orElseThrow(() -> new UnauthorizedException("This call needs 'Authorization: Bearer <API key>'."));
		byte[] profile = this.json.writeValueAsBytes(this.profiles.findOwn(caller));
		// one user's private data: no cache, shared or the browser's own, may keep it
		response.setHeader(HttpHeaders.CACHE_CONTROL, PRIVATE_NO_STORE);
		writeJson(response, profile);
	}

	/**
	 * The cards are written from their packed values by copying (CardJson): no content
	 * negotiation or serialisation per request.
	 */
	private static void writeJson(HttpServletResponse response, byte[] json) throws IOException {
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(json.length);
		response.getOutputStream().write(json);
	}

}
