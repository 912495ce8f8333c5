package dev.facecard.admin;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import dev.facecard.shared.web.RequestBodies;
import dev.facecard.shared.web.error.Problems;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;

/**
 * Admin JSON bodies are at most {@value #MAX_BODY_BYTES} bytes (413 beyond, chunked or
 * not), read before Spring MVC parses them, so no JSON of any size or depth is parsed
 * beyond that. Image uploads have their own limit
 * ({@code facecard.avatar.max-upload-size}) and pass untouched, and so does the NDJSON of
 * the bulk import, whose size has no bound but each of its lines one. A Content-Type that
 * names no single media type ({@code *}{@code /*}, {@code image/*}, unparseable) is a
 * 415. Runs after {@link AdminAuthFilter}: without the admin token nothing is read.
 */
class AdminBodyLimitFilter extends HttpFilter {

	/**
	 * Far above any valid admin body (a user with every field at its longest is under 10
	 * KiB).
	 */
	static final int MAX_BODY_BYTES = 64 * 1024;

	private static final String IMPORT_PATH = "/admin/users/import";

	private static final MediaType NDJSON = MediaType.parseMediaType(UserImports.NDJSON);

	private final JsonMapper json;

	private final Duration bodyDeadline;

	AdminBodyLimitFilter(JsonMapper json, Duration bodyDeadline) {
		this.json = json;
		this.bodyDeadline = bodyDeadline;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		MediaType contentType;
		try {
			String header = request.getContentType();
			contentType = (header != null && !header.isBlank()) ? MediaType.parseMediaType(header) : null;
		}
		catch (InvalidMediaTypeException ex) {
			contentType = MediaType.ALL;
		}
		if (contentType != null && !contentType.isConcrete()) {
			// Spring MVC fails on a wildcard Content-Type (an IllegalArgumentException, a
			// 500) instead of a 415
			Problems.write(response, this.json, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"Content-Type must name one media type: application/json, or an image type for avatars.");
			return;
		}
		if (contentType != null && contentType.getType().equals("image")) {
			chain.doFilter(request, response);
			return;
		}
		if (isImport(request, contentType)) {
			// streamed, each line under a limit of its own (UserImports)
			chain.doFilter(request, response);
			return;
		}
		byte[] body;
		try {
			body = RequestBodies.read(request.getInputStream(), request.getContentLengthLong(), MAX_BODY_BYTES,
					this.bodyDeadline, "Admin request bodies are at most " + MAX_BODY_BYTES + " bytes.");
		}
		catch (ErrorResponseException ex) {
			// a filter answers for itself: Spring MVC's exception handling is not there
			// yet
			Problems.write(response, this.json, ex.getStatusCode(), ex.getBody().getDetail());
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	private static boolean isImport(HttpServletRequest request, MediaType contentType) {
		return contentType != null && contentType.isCompatibleWith(NDJSON) && "POST".equals(request.getMethod())
				&& IMPORT_PATH.equals(request.getRequestURI());
	}

	/** The request with its body read already. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body was read already");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(getInputStream(),
					(encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8));
		}

	}

}
