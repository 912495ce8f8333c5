package dev.facecard.profile;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * {@code isFollowing} when a caller is known; cached, none. A card is assembled and
 * written as JSON once per cache entry, never served past the end of the membership it
 * shows. Every write evicts what it changed on this instance at once.
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
	 * userId to the user's card; unknown and banned users alike in the small "not found"
	 * part, so that lookups of made-up ids never push real cards out. Every change evicts
	 * exactly, loads in flight included.
	 */
	private final LookupCache<String, UserCard> cards;

	private final LookupCache<FollowPair, Boolean> following;

	/**
	 * Most rows one statement of {@link #rows} reads for the misses in line: more than 32
	 * connections' single misses at once, so a statement rarely fills it. A batch
	 * request's misses (up to 100) are read in one statement whatever their count.
	 */
	private static final int MAX_ROWS_PER_LOAD = 64;

	/**
	 * Most statements of {@link #rows} at a time, so at most two of the pool's
	 * connections: one or two measured the same (bench/RESULTS.md, Notes); two keep
	 * misses moving while one statement is slow.
	 */
	private static final int MAX_LOADS = 2;

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
				(userId, card) -> card.estimatedBytes(), UserCard::unchanged, true);
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

	/** A card's JSON as one caller sees it, and its strong ETag. */
	public record Card(byte[] json, String etag) {
	}

	/** {@link #findJson(String, Optional)} with the answer's ETag. */
	public Card findCard(String userId, Optional<ApiCaller> caller) {
		if (!Identifiers.isValid(userId)) {
			// no user has an id of another shape, and PostgreSQL refuses some such texts
			// (NUL) outright
			throw new NotFoundException("No user with that userId.");
		}
		String baseUrl = this.avatarUrls.baseUrl();
		boolean fixedBase = this.avatarUrls.hasFixedBase();
		CardJson card = this.cards
			.get(userId,
					key -> Optional.ofNullable(loadRow(userId))
						.filter(row -> !row.banned())
						.map(row -> new UserCard(row, baseUrl, fixedBase))
						.orElse(null))
			.map(userCard -> userCard.json(baseUrl))
			.orElseThrow(() -> new NotFoundException("No user with that userId."));
		Boolean isFollowing = caller.map(ApiCaller::userId)
			.filter(callerId -> !callerId.equals(userId))
			.map(callerId -> this.following
				.get(new FollowPair(callerId, userId), pair -> inTurn(() -> this.followLookups.load(pair)))
				.orElseThrow())
			.orElse(null);
		return new Card(card.withIsFollowing(isFollowing), card.etag(isFollowing));
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
		String baseUrl = this.avatarUrls.baseUrl();
		boolean fixedBase = this.avatarUrls.hasFixedBase();
		List<String> possible = userIds.stream().filter(Identifiers::isValid).toList();
		Map<String, Optional<UserCard>> cards = this.cards.getAll(possible, missing -> {
			Map<String, ProfileRow> rows = inTurn(() -> this.rows.loadAll(missing));
			Map<String, UserCard> loaded = new HashMap<>();
			for (String userId : missing) {
				ProfileRow row = rows.get(userId);
				if (row != null && !row.banned()) {
					loaded.put(userId, new UserCard(row, baseUrl, fixedBase));
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
			Optional<CardJson> card = cards.getOrDefault(userId, Optional.empty())
				.map(userCard -> userCard.json(baseUrl));
			if (card.isEmpty()) {
				notFound.add(userId);
				continue;
			}
			Boolean isFollowing = caller.map(ApiCaller::userId)
				.flatMap(callerId -> following.getOrDefault(new FollowPair(callerId, userId), Optional.empty()))
				.orElse(null);
			profiles.add(card.get().withIsFollowing(isFollowing));
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

	private CardJson toJson(ProfileRow row, String baseUrl, Instant now) {
		return CardJson
			.of(this.json.writeValueAsBytes(this.assembler.assemble(row, now, hash -> AvatarUrls.of(baseUrl, hash))));
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

	/**
	 * A user's card's JSON under each avatar URL base it was asked with. In production
	 * ({@code facecard.public-base-url}) there is one base, and the JSON is all a card
	 * keeps; without it, one per request host, of which only a few are kept (so that
	 * made-up {@code Host} headers cannot fill the cache), and the row is kept to write
	 * the card under another.
	 */
	private final class UserCard {

		private static final int MAX_BASES = 4;

		/**
		 * The cache entry (Caffeine's node, the key, the stamp), this object, the JSON's
		 * array and the ETag: about 350 bytes on a 64-bit JVM with compressed pointers,
		 * besides the JSON itself.
		 */
		private static final int ENTRY_BYTES = 350;

		/**
		 * A kept row's object, numbers, instants and boxed ranks, and the map of further
		 * bases: about 250 bytes, besides the row's strings.
		 */
		private static final int ROW_BYTES = 250;

		/**
		 * A string's bytes: its characters (two bytes at most) and about 40 of object.
		 */
		private static int chars(String value) {
			return (value != null) ? 40 + 2 * value.length() : 0;
		}

		/** Null with a fixed base: no card is ever written under another. */
		private final ProfileRow row;

		/** Null with a fixed base. */
		private final String firstBase;

		private final CardJson first;

		/** The card under further bases; null with a fixed base. */
		private final Map<String, CardJson> otherBases;

		private final int estimatedBytes;

		/**
		 * When the card changes without a write (its membership ends); null: never.
		 */
		private final Instant changesAt;

		/** A card with its JSON under {@code baseUrl} made at once. */
		UserCard(ProfileRow row, String baseUrl, boolean fixedBase) {
			Instant now = ProfileService.this.clock.instant();
			this.first = toJson(row, baseUrl, now);
			this.changesAt = row.isMember(now) ? row.memberUntil() : null;
			// with a fixed base neither is ever needed again (and the base may be a
			// string of each request's)
			this.firstBase = fixedBase ? null : baseUrl;
			this.row = fixedBase ? null : row;
			this.otherBases = fixedBase ? null : new ConcurrentHashMap<>(2);
			int bytes = ENTRY_BYTES + chars(row.userId()) + this.first.json().length;
			if (this.row != null) {
				bytes += ROW_BYTES + chars(row.nickname()) + chars(row.bio()) + chars(row.profileBgUrl())
						+ chars(row.statusStickerUrl()) + chars(row.avatarHash());
			}
			this.estimatedBytes = bytes;
		}

		/** Whether the card still shows what it was made with. */
		boolean unchanged() {
			return this.changesAt == null || ProfileService.this.clock.instant().isBefore(this.changesAt);
		}

		/**
		 * What this card holds in memory, roughly: the cache entry, the JSON, and the row
		 * when it is kept. Further bases (only without {@code facecard.public-base-url})
		 * are not counted.
		 */
		int estimatedBytes() {
			return this.estimatedBytes;
		}

		CardJson json(String baseUrl) {
			if (this.row == null || this.firstBase.equals(baseUrl)) {
				return this.first;
			}
			CardJson card = this.otherBases.get(baseUrl);
			if (card == null) {
				card = toJson(this.row, baseUrl, ProfileService.this.clock.instant());
				if (this.otherBases.size() < MAX_BASES - 1) {
					this.otherBases.putIfAbsent(baseUrl, card);
				}
			}
			return card;
		}

	}

}
