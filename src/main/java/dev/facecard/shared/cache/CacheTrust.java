package dev.facecard.shared.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import dev.facecard.shared.config.FacecardProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Whether this instance hears every change the other instances make, and so may keep its
 * lookups for {@code facecard.cache.notified-ttl} instead of {@code facecard.cache.ttl}.
 * It does while its listening connection ({@code ChangeNotifications}) has made a round
 * trip within half of {@code facecard.cache.ttl}, handled every notification that came
 * before that round trip's answer, and not failed since: a change made through another
 * instance is then evicted here, or the entry stops being served, within the staleness
 * bound. A lasting entry is served only until half of {@code facecard.cache.ttl} after
 * the latest such round trip was sent ({@link LookupCache}), however the connection then
 * ends: silent, or failed outright (then nothing loaded from that moment is kept longer
 * than the TTL). When a new session begins or a notification cannot be read, the epoch
 * moves and nothing loaded before is served again.
 */
@Component
public class CacheTrust {

	private final long confirmationNanos;

	private final LongSupplier nanoTime;

	private final AtomicLong epoch = new AtomicLong();

	/** When the latest confirmed round trip was sent; {@link Long#MIN_VALUE}: none. */
	private volatile long confirmedAt = Long.MIN_VALUE;

	/** The session that sent it has failed since. */
	private volatile boolean lost;

	@Autowired
	public CacheTrust(FacecardProperties properties) {
		this(properties.cache().ttl(), System::nanoTime);
	}

	/**
	 * @param ttl the staleness bound: a confirmation is trusted for half of it
	 * @param nanoTime the clock of confirmations
	 */
	public CacheTrust(Duration ttl, LongSupplier nanoTime) {
		this.confirmationNanos = ttl.toNanos() / 2;
		this.nanoTime = nanoTime;
	}

	/**
	 * Whether a round trip of the listening connection, with every notification before it
	 * handled, was sent within half of {@code facecard.cache.ttl}, and its session has
	 * not failed since.
	 */
	public boolean hearsEveryChange() {
		return !this.lost && confirmedRecently();
	}

	/** Moves whenever changes may have gone unheard: only grows. */
	public long epoch() {
		return this.epoch.get();
	}

	/**
	 * A listening session began: what was loaded before it may have missed a change while
	 * no session listened.
	 */
	public void listening() {
		this.epoch.incrementAndGet();
	}

	/**
	 * A round trip sent at {@code sentAt} (of the clock given) answered, and every
	 * notification received with it was handled.
	 */
	public void confirmed(long sentAt) {
		this.confirmedAt = sentAt;
		this.lost = false;
	}

	/**
	 * The listening connection failed: until a new session confirms, nothing is kept
	 * longer than {@code facecard.cache.ttl}. What was kept while changes were heard is
	 * served until half of it after the latest confirmation, as when the connection falls
	 * silent (a change made since may be unheard, but that is within the staleness
	 * bound); the next session's start retires it ({@link #listening}).
	 */
	public void lost() {
		this.lost = true;
	}

	/**
	 * A change was made that this instance cannot name (a notification it cannot read):
	 * nothing loaded before is served.
	 */
	public void changedUnheard() {
		this.epoch.incrementAndGet();
	}

	/**
	 * Whether a lookup loaded when changes were heard ({@code lasting}) or not may still
	 * be served, as far as hearing goes: a lasting one only until half of the TTL after
	 * the latest confirmation, whether its session still listens or has just failed.
	 */
	public boolean serves(boolean lasting) {
		return !lasting || confirmedRecently();
	}

	/** Whether the latest confirmation was sent within half of the TTL. */
	private boolean confirmedRecently() {
		long confirmed = this.confirmedAt;
		return confirmed != Long.MIN_VALUE && this.nanoTime.getAsLong() - confirmed < this.confirmationNanos;
	}

	/**
	 * How long a lookup is kept: {@code facecard.cache.notified-ttl} when loaded while
	 * changes were heard, {@code facecard.cache.ttl} otherwise.
	 */
	public static Duration keptFor(FacecardProperties.Cache settings, boolean lasting) {
		return lasting ? settings.notifiedTtl() : settings.ttl();
	}

	/**
	 * Until when a lookup whose load began at {@code startedAt} (of
	 * {@link System#nanoTime}, the caches' clock) is kept: {@link #keptFor} counted from
	 * that start, so that a slow statement does not stretch the staleness bound.
	 */
	static long keptUntil(FacecardProperties.Cache settings, boolean lasting, long startedAt) {
		return startedAt + keptFor(settings, lasting).toNanos();
	}

}
