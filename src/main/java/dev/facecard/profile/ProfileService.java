package dev.facecard.profile;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import dev.facecard.auth.ApiCaller;
import dev.facecard.avatar.AvatarUrls;
import dev.facecard.shared.cache.BatchingLoader;
import dev.facecard.shared.cache.CacheTrust;
import dev.facecard.shared.cache.LookupCache;
import dev.facecard.shared.cache.MonitoredCaches;
import dev.facecard.shared.cache.TurnTimeoutException;
import dev.facecard.shared.config.FacecardProperties;
import dev.facecard.shared.data.Identifiers;
import dev.facecard.shared.web.error.NotFoundException;
import dev.facecard.shared.web.error.UnauthorizedException;
import dev.facecard.user.FollowChanged;
import dev.facecard.user.FollowPair;
import dev.facecard.user.FollowService;
import dev.facecard.user.UserChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Public profile cards: uncached, one statement for the card and one for
 * {@code isFollowing} when a caller is known; cached, none. A card is assembled once per
 * cache entry and kept packed ({@link CardJson}), never served past the end of the
 * membership it shows. Every write evicts what it changed on this instance at once.
 */
@Service
public class ProfileService implements MonitoredCaches, DisposableBean {

	private final ProfileRepository profiles;

	private final FollowService follows;

	private final PublicProfileAssembler assembler;

	private final AvatarUrls avatarUrls;

	private final JsonMapper json;

	private final Clock clock;

	/**
	 * The last avatar URL base escaped: with {@code facecard.public-base-url}, the one
	 * base there is.
	 */
	private volatile CardJson.EscapedBase lastBase;

	/**
	 * userId to the user's card; unknown and banned users alike in the small "not found"
	 * part, so that lookups of made-up ids never push real cards out. Every change evicts
	 * exactly, loads in flight included.
	 */
	private final LookupCache<String, CardJson> cards;

	private final LookupCache<FollowPair, Boolean> following;

	/**
	 * Most rows one statement of {@link #rows} reads for the misses in line: more than 32
	 * connections' single misses at once, so a statement rarely fills it. A batch
	 * request's misses (up to 100) are read in one statement whatever their count.
	 */
	private static final int MAX_ROWS_PER_LOAD = 64;

	/**
	 * A cached card's entry without its key and values: Caffeine's node and sketch, the
	 * map's node and table, the stamped value (LookupCache), the card object and its
	 * array's header, on a 64-bit JVM with compressed pointers (bench/RESULTS.md, Notes,
	 * "One object a cached value, not two": heap histograms).
	 */
	private static final int ENTRY_BYTES = 200;

	/**
	 * Most statements of {@link #rows} at a time, so at most one of the pool's
	 * connections: the misses that come meanwhile go in the next statement together.
	 * Against two, about 35-40% fewer statements under Zipf and 11-20% more uniform
	 * misses a second (bench/RESULTS.md, Notes): a statement's round trip, not its rows,
	 * is a miss's cost. The price: while one statement is slow (a batch's 100 rows, a
	 * database in trouble), every miss of the line waits for it, and answers 503 after
	 * {@code facecard.cache.profile-miss-wait}.
	 */
	private static final int MAX_LOADS = 1;

	/**
	 * Where the statements of the three lines below run: platform threads, since on a
	 * virtual thread every read of a statement sets and cancels a timer (BatchingLoader):
	 * 7% more uniform misses a second, with less CPU in the service and PostgreSQL
	 * (bench/RESULTS.md, Notes).
	 */
	private final ExecutorService statementThreads;

	/** The rows of cache misses, many per statement under a flood of them. */
	private final BatchingLoader<String, ProfileRow> rows;

	/**
	 * The {@code isFollowing}s of cache misses, in a line of their own under the same
	 * bounds as {@link #rows}: a flood of them (callers with keys, asking for pairs not
	 * cached) holds at most {@link #MAX_LOADS} more connections, whatever the keys.
	 */
	private final BatchingLoader<FollowPair, Boolean> followLookups;

	/**
	 * The rows of owners asking for their own profile (never cached), in a line of their
	 * own under the same bounds as {@link #rows}.
	 */
	private final BatchingLoader<String, OwnProfileRow> ownRows;

	/**
	 * Lookups refused because their turn at {@link #rows}, {@link #followLookups} or
	 * {@link #ownRows} did not come in time; a batch's misses count once.
	 */
	private final Counter missRefusals;

	public ProfileService(ProfileRepository profiles, FollowService follows, AvatarUrls avatarUrls,
			FacecardProperties properties, CacheTrust trust, JsonMapper json, Clock clock, MeterRegistry meters) {
		this.profiles = profiles;
		this.follows = follows;
		this.assembler = new PublicProfileAssembler(properties.profile().linkNicknamePlaceholder());
		this.avatarUrls = avatarUrls;
		this.json = json;
		this.clock = clock;
		this.cards = LookupCache.weighed(properties.cache(), trust, properties.cache().profileCardBytes(),
				ProfileService::estimatedBytes, card -> card.currentAt(clock.millis()), true);
		this.following = LookupCache.of(properties.cache(), trust, false);
		this.statementThreads = newStatementThreads();
		this.rows = new BatchingLoader<>(this::findRows, MAX_ROWS_PER_LOAD, MAX_LOADS,
				properties.cache().profileMissWait(), this.statementThreads);
		this.followLookups = new BatchingLoader<>(this::findFollows, MAX_ROWS_PER_LOAD, MAX_LOADS,
				properties.cache().profileMissWait(), this.statementThreads);
		this.ownRows = new BatchingLoader<>(this::findOwnRows, MAX_ROWS_PER_LOAD, MAX_LOADS,
				properties.cache().profileMissWait(), this.statementThreads);
		this.missRefusals = Counter.builder("facecard.profile.miss-refusals")
			.description(
					"Profile lookups (a single card, isFollowing or own profile, or a batch's misses together) refused"
							+ " because their turn at a statement did not come within facecard.cache.profile-miss-wait")
			.register(meters);
	}

	/**
	 * The JSON of the card of {@code userId} as a stranger sees it, plus
	 * {@code isFollowing} when {@code caller} is someone else. Unknown and banned users
	 * are not found alike.
	 */
	public byte[] findJson(String userId, Optional<ApiCaller> caller) {
		return findCard(userId, caller).json();
	}

	@Override
	public Map<String, Cache<?, ?>> monitoredCaches() {
		return Map.of("profile.cards", this.cards.found(), "profile.not-found", this.cards.notFound(),
				"profile.following", this.following.found());
	}

	/**
	 * A card as one caller sees it: its JSON and its strong ETag, each written when asked
	 * for (a 304 needs no JSON).
	 */
	public static final class Card {

		private final CardJson packed;

		private final CardJson.EscapedBase base;

		private final Boolean isFollowing;

		Card(CardJson packed, CardJson.EscapedBase base, Boolean isFollowing) {
			this.packed = packed;
			this.base = base;
			this.isFollowing = isFollowing;
		}

		public byte[] json() {
			return this.packed.json(this.base, this.isFollowing);
		}

		public String etag() {
			return this.packed.etag(this.base, this.isFollowing);
		}

	}

	/** {@link #findJson(String, Optional)} with the answer's ETag. */
	public Card findCard(String userId, Optional<ApiCaller> caller) {
		if (!Identifiers.isValid(userId)) {
			// no user has an id of another shape, and PostgreSQL refuses some such texts
			// (NUL) outright
			throw new NotFoundException("No user with that userId.");
		}
		CardJson.EscapedBase base = escapedBase();
		boolean fixedBase = this.avatarUrls.hasFixedBase();
		CardJson card = this.cards
			.get(userId,
					key -> Optional.ofNullable(loadRow(userId))
						.filter(row -> !row.banned())
						.map(row -> toCard(row, base, fixedBase))
						.orElse(null))
			.orElseThrow(() -> new NotFoundException("No user with that userId."));
		Boolean isFollowing = caller.map(ApiCaller::userId)
			.filter(callerId -> !callerId.equals(userId))
			.map(callerId -> this.following
				.get(new FollowPair(callerId, userId), pair -> inTurn(() -> this.followLookups.load(pair)))
				.orElseThrow())
			.orElse(null);
		return new Card(card, base, isFollowing);
	}

	/**
	 * Many cards at once, each exactly as {@link #findJson} gives it, with at most one
	 * statement for all the uncached cards and one for all the uncached
	 * {@code isFollowing}s, whatever the count. The uncached cards and
	 * {@code isFollowing}s take their turn in the same lines as single misses
	 * ({@link #rows}, {@link #followLookups}), so a flood of batches holds no more
	 * connections than a flood of single cards. Ids no user can have are not found
	 * without touching any cache.
	 * @param userIds distinct ids, in the order of the answer
	 */
	public Batch findJson(List<String> userIds, Optional<ApiCaller> caller) {
		CardJson.EscapedBase base = escapedBase();
		boolean fixedBase = this.avatarUrls.hasFixedBase();
		List<String> possible = userIds.stream().filter(Identifiers::isValid).toList();
		Map<String, Optional<CardJson>> cards = this.cards.getAll(possible, missing -> {
			Map<String, ProfileRow> rows = inTurn(() -> this.rows.loadAll(missing));
			Map<String, CardJson> loaded = new HashMap<>();
			for (String userId : missing) {
				ProfileRow row = rows.get(userId);
				if (row != null && !row.banned()) {
					loaded.put(userId, toCard(row, base, fixedBase));
				}
			}
			return loaded;
		});
		List<String> found = possible.stream().filter(userId -> cards.get(userId).isPresent()).toList();
		Map<FollowPair, Optional<Boolean>> following = caller.map(ApiCaller::userId)
			.map(callerId -> this.following.getAll(found.stream()
				.filter(userId -> !userId.equals(callerId))
				.map(userId -> new FollowPair(callerId, userId))
				.toList(), missing -> {
					Map<FollowPair, Boolean> loaded = inTurn(() -> this.followLookups.loadAll(Set.copyOf(missing)));
					// only the pairs asked for here: the load may have read others' too
					Map<FollowPair, Boolean> asked = new HashMap<>();
					missing.forEach(pair -> asked.put(pair, loaded.get(pair)));
					return asked;
				}))
			.orElse(Map.of());
		List<byte[]> profiles = new ArrayList<>(found.size());
		List<String> notFound = new ArrayList<>();
		for (String userId : userIds) {
			Optional<CardJson> card = cards.getOrDefault(userId, Optional.empty());
			if (card.isEmpty()) {
				notFound.add(userId);
				continue;
			}
			Boolean isFollowing = caller.map(ApiCaller::userId)
				.flatMap(callerId -> following.getOrDefault(new FollowPair(callerId, userId), Optional.empty()))
				.orElse(null);
			profiles.add(card.get().json(base, isFollowing));
		}
		return new Batch(profiles, notFound);
	}

	/**
	 * The profile of {@code caller} as its owner sees it, with one statement (with the
	 * other owners' then in line, {@link #ownRows}): not cached, since it is asked for
	 * rarely and no answer of it may be kept anywhere. A user banned since the key was
	 * checked is refused like the key.
	 */
	public OwnProfile findOwn(ApiCaller caller) {
		String baseUrl = this.avatarUrls.baseUrl();
		OwnProfileRow own = Optional.ofNullable(inTurn(() -> this.ownRows.load(caller.userId())))
			.filter(row -> !row.card().banned())
			.orElseThrow(() -> new UnauthorizedException("The API key's owner is banned."));
		return OwnProfileAssembler.assemble(own, this.clock.instant(), hash -> AvatarUrls.of(baseUrl, hash));
	}

	/**
	 * One thread for each statement the three lines allow at a time ({@link #MAX_LOADS}
	 * each), so that no statement waits for a thread.
	 */
	private static ExecutorService newStatementThreads() {
		AtomicInteger threads = new AtomicInteger();
		return Executors.newFixedThreadPool(3 * MAX_LOADS, statement -> {
			Thread thread = new Thread(statement, "profile-statement-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * After the web server has stopped: statements under way end; a later one runs on its
	 * caller's thread (BatchingLoader). Not shutdownNow: a dropped statement's caller
	 * would wait for ever.
	 */
	@Override
	public void destroy() {
		this.statementThreads.shutdown();
	}

	/**
	 * How many card, isFollowing and own-profile lookups wait for a statement (tests
	 * watch it).
	 */
	int missesInLine() {
		return this.rows.inLine() + this.followLookups.inLine() + this.ownRows.inLine();
	}

	/** The row of a missed card, read with the other misses in line. */
	private ProfileRow loadRow(String userId) {
		return inTurn(() -> this.rows.load(userId));
	}

	/**
	 * A load of {@link #rows}; one whose turn does not come in time is counted and
	 * refused ({@link CardLookupsBusyException}), apart from a database that fails.
	 */
	private <T> T inTurn(Supplier<T> load) {
		try {
			return load.get();
		}
		catch (TurnTimeoutException ex) {
			this.missRefusals.increment();
			throw new CardLookupsBusyException();
		}
	}

	private Map<FollowPair, Boolean> findFollows(Set<FollowPair> pairs) {
		Set<FollowPair> existing = this.follows.existingAmong(pairs);
		Map<FollowPair, Boolean> following = new HashMap<>();
		pairs.forEach(pair -> following.put(pair, existing.contains(pair)));
		return following;
	}

	private Map<String, OwnProfileRow> findOwnRows(Set<String> userIds) {
		return this.profiles.findOwnAll(userIds)
			.stream()
			.collect(Collectors.toMap(own -> own.card().userId(), Function.identity()));
	}

	private Map<String, ProfileRow> findRows(Set<String> userIds) {
		return this.profiles.findAll(userIds)
			.stream()
			.collect(Collectors.toMap(ProfileRow::userId, Function.identity()));
	}

	/** A batch answer: the found cards' JSON in request order, and the ids not found. */
	public record Batch(List<byte[]> profiles, List<String> notFound) {
	}

	/**
	 * The card of {@code row} as cached: its avatar URL relative, so that it serves every
	 * base; not served past the end of the membership it shows.
	 */
	private CardJson toCard(ProfileRow row, CardJson.EscapedBase base, boolean fixedBase) {
		Instant now = this.clock.instant();
		PublicProfile card = this.assembler.assemble(row, now, hash -> AvatarUrls.of("", hash));
		return CardJson.of(card, this.json, base, fixedBase, row.isMember(now) ? row.memberUntil() : null);
	}

	/** The current request's avatar URL base, escaped once per base. */
	private CardJson.EscapedBase escapedBase() {
		String url = this.avatarUrls.baseUrl();
		CardJson.EscapedBase last = this.lastBase;
		if (last == null || !last.url().equals(url)) {
			last = CardJson.EscapedBase.of(url, this.json);
			this.lastBase = last;
		}
		return last;
	}

	/**
	 * What a cached card holds in memory, roughly: the entry around it, the key's string
	 * and the card's packed values.
	 */
	private static int estimatedBytes(String userId, CardJson card) {
		return ENTRY_BYTES + 40 + 2 * userId.length() + card.packedBytes();
	}

	/** Forgets what a write changed; runs after its commit. */
	@TransactionalEventListener(fallbackExecution = true)
	void evict(UserChanged change) {
		this.cards.invalidate(change.userId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void evict(FollowChanged change) {
		this.following.invalidate(new FollowPair(change.followerId(), change.followeeId()));
	}

}
