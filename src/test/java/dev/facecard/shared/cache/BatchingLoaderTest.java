package dev.facecard.shared.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchingLoaderTest {

	/** A wait in line that no test reaches but the one about it. */
	private static final Duration LONG_WAIT = Duration.ofSeconds(30);

	private final ExecutorService threads = Executors.newCachedThreadPool();

	/** Every set of keys loaded, in the order the loads began. */
	private final List<Set<String>> loads = new CopyOnWriteArrayList<>();

	/**
	 * Holds the load of the key "first" open, so that callers gather in line behind it.
	 */
	private final CountDownLatch firstLoadStarted = new CountDownLatch(1);

	private final CountDownLatch releaseFirstLoad = new CountDownLatch(1);

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void aLoneCallerLoadsItsKeyAtOnceAndUnknownKeysAreNull() {
		BatchingLoader<String, String> loader = new BatchingLoader<>(recording(this::valuesOfKnown), 8, 1, LONG_WAIT);

		assertThat(loader.load("ann")).isEqualTo("value of ann");
		assertThat(loader.load("nobody")).isNull();
		assertThat(this.loads).containsExactly(Set.of("ann"), Set.of("nobody"));
	}

	@Test
	void callersThatComeDuringALoadAreLoadedTogetherInTheNextEachGettingItsOwnValue() throws Exception {
		BatchingLoader<String, String> loader = holdingFirst(8, LONG_WAIT);
		Future<String> first = startHeldFirstLoad(loader);
		List<String> keys = List.of("a", "b", "nobody", "c", "first");
		List<Future<String>> callers = new ArrayList<>();
		for (String key : keys) {
			callers.add(this.threads.submit(() -> loader.load(key)));
		}
		waitUntil(() -> loader.inLine() == keys.size());

		releaseFirstLoad.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("value of first");
		for (int i = 0; i < keys.size(); i++) {
			String expected = keys.get(i).equals("nobody") ? null : "value of " + keys.get(i);
			assertThat(callers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(expected);
		}
		// "first" was asked again after its load began: a load of its own, not the
		// answer of the one under way
		assertThat(this.loads).hasSize(2);
		assertThat(this.loads.get(0)).containsExactly("first");
		assertThat(this.loads.get(1)).containsExactlyInAnyOrderElementsOf(keys);
		assertThat(loader.inLine()).isZero();
	}

	@Test
	void noLoadTakesMoreThanMaxBatchKeysAndEveryCallerIsAnswered() throws Exception {
		BatchingLoader<String, String> loader = holdingFirst(3, LONG_WAIT);
		Future<String> first = startHeldFirstLoad(loader);
		List<Future<String>> callers = callersInLine(loader, 10);

		releaseFirstLoad.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("value of first");
		for (int i = 0; i < 10; i++) {
			assertThat(callers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("value of k" + i);
		}
		assertThat(this.loads).allSatisfy(keys -> assertThat(keys).hasSizeLessThanOrEqualTo(3));
		assertThat(this.loads.stream().mapToInt(Set::size).sum()).isEqualTo(11);
	}

	@Test
	void noMoreThanMaxLoadsRunAtATime() throws Exception {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostRunning = new AtomicInteger();
		BatchingLoader<String, String> loader = new BatchingLoader<>(recording(keys -> {
			mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
			try {
				Thread.sleep(2);
				return valuesOfKnown(keys);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				running.decrementAndGet();
			}
		}), 4, 2, LONG_WAIT);
		List<Future<String>> callers = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			String key = "k" + i;
			callers.add(this.threads.submit(() -> loader.load(key)));
		}

		for (int i = 0; i < 200; i++) {
			assertThat(callers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("value of k" + i);
		}
		assertThat(mostRunning.get()).isBetween(1, 2);
		assertThat(loader.inLine()).isZero();
	}

	@Test
	void aFailedLoadFailsEachOfItsCallersWithItsExceptionAndLaterLoadsWork() throws Exception {
		IllegalStateException outage = new IllegalStateException("database down");
		BatchingLoader<String, String> loader = new BatchingLoader<>(recording(keys -> {
			holdIfFirst(keys);
			if (keys.contains("a")) {
				throw outage;
			}
			return valuesOfKnown(keys);
		}), 8, 1, LONG_WAIT);
		Future<String> first = startHeldFirstLoad(loader);
		Future<String> a = this.threads.submit(() -> loader.load("a"));
		Future<String> b = this.threads.submit(() -> loader.load("b"));
		waitUntil(() -> loader.inLine() == 2);

		releaseFirstLoad.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("value of first");
		for (Future<String> failed : List.of(a, b)) {
			assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).cause().isSameAs(outage);
		}
		assertThat(this.threads.submit(() -> loader.load("b")).get(10, TimeUnit.SECONDS)).isEqualTo("value of b");
		assertThat(loader.inLine()).isZero();
	}

	@Test
	void aFailedLoadAlsoFailsEveryCallerStillInLineSoAnOutageAnswersAllAtOnce() throws Exception {
		IllegalStateException outage = new IllegalStateException("database down");
		BatchingLoader<String, String> loader = new BatchingLoader<>(recording(keys -> {
			if (holdIfFirst(keys)) {
				throw outage;
			}
			return valuesOfKnown(keys);
		}), 2, 1, LONG_WAIT);
		Future<String> first = startHeldFirstLoad(loader);
		List<Future<String>> inLine = callersInLine(loader, 6);

		releaseFirstLoad.countDown();

		assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).cause().isSameAs(outage);
		for (Future<String> failed : inLine) {
			assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).cause().isSameAs(outage);
		}
		assertThat(this.loads).hasSize(1);
		assertThat(this.threads.submit(() -> loader.load("k0")).get(10, TimeUnit.SECONDS)).isEqualTo("value of k0");
	}

	@Test
	void everyCallerOfALoadIsAnsweredWhateverItThrowsOrReturns() throws Exception {
		BatchingLoader<String, String> loader = new BatchingLoader<>(recording(keys -> {
			if (holdIfFirst(keys)) {
				return valuesOfKnown(keys);
			}
			if (keys.contains("error")) {
				throw new AssertionError("an Error, not an exception");
			}
			return null; // a broken loader
		}), 8, 1, LONG_WAIT);
		Future<String> first = startHeldFirstLoad(loader);
		Future<String> error = this.threads.submit(() -> loader.load("error"));
		waitUntil(() -> loader.inLine() == 1);
		Future<String> other = this.threads.submit(() -> loader.load("other"));
		waitUntil(() -> loader.inLine() == 2);

		releaseFirstLoad.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("value of first");
		assertThatThrownBy(() -> error.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(AssertionError.class);
		assertThatThrownBy(() -> other.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(AssertionError.class);
		Future<String> broken = this.threads.submit(() -> loader.load("broken"));
		assertThatThrownBy(() -> broken.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(NullPointerException.class);
		assertThat(loader.inLine()).isZero();
	}

	@Test
	void anInterruptedCallerWhoseTurnComesLoadsUninterruptedAndKeepsItsInterrupt() throws Exception {
		List<Boolean> interruptedDuringLoad = new CopyOnWriteArrayList<>();
		BatchingLoader<String, String> loader = new BatchingLoader<>(recording(keys -> {
			if (!holdIfFirst(keys)) {
				interruptedDuringLoad.add(Thread.currentThread().isInterrupted());
			}
			return valuesOfKnown(keys);
		}), 8, 1, LONG_WAIT);
		Future<String> first = startHeldFirstLoad(loader);
		CountDownLatch interrupted = new CountDownLatch(1);
		Future<Boolean> keptInterrupt = this.threads.submit(() -> {
			Thread.currentThread().interrupt();
			interrupted.countDown();
			assertThat(loader.load("second")).isEqualTo("value of second");
			return Thread.currentThread().isInterrupted();
		});
		await(interrupted);
		waitUntil(() -> loader.inLine() == 1);

		releaseFirstLoad.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("value of first");
		assertThat(keptInterrupt.get(10, TimeUnit.SECONDS)).isTrue();
		assertThat(interruptedDuringLoad).containsExactly(false);
	}

	@Test
	void aCallerWhoseTurnDoesNotComeWithinMaxWaitLeavesTheLineWithATurnTimeout() throws Exception {
		BatchingLoader<String, String> loader = holdingFirst(8, Duration.ofMillis(200));
		Future<String> first = startHeldFirstLoad(loader);
		long started = System.nanoTime();
		Future<String> waiting = this.threads.submit(() -> loader.load("a"));

		assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(TurnTimeoutException.class);
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(200L, 5000L);
		assertThat(loader.inLine()).isZero();

		releaseFirstLoad.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("value of first");
		// the caller that left was not loaded for, and the turn was given up, not lost
		assertThat(this.loads).containsExactly(Set.of("first"));
		assertThat(this.threads.submit(() -> loader.load("b")).get(10, TimeUnit.SECONDS)).isEqualTo("value of b");
	}

	@Test
	void callersInLineLeaveEachAtItsOwnDeadlineNotAtTheFirstOnes() throws Exception {
		BatchingLoader<String, String> loader = holdingFirst(8, Duration.ofMillis(600));
		Future<String> first = startHeldFirstLoad(loader);
		Future<Long> earlier = this.threads.submit(() -> millisUntilTurnTimeout(() -> loader.load("a")));
		waitUntil(() -> loader.inLine() == 1);
		Thread.sleep(300);
		Future<Long> later = this.threads.submit(() -> millisUntilTurnTimeout(() -> loader.load("b")));

		// the timer set for the first one's deadline finds the second one's still ahead
		assertThat(earlier.get(10, TimeUnit.SECONDS)).isBetween(600L, 5000L);
		assertThat(later.get(10, TimeUnit.SECONDS)).isBetween(600L, 5000L);
		assertThat(loader.inLine()).isZero();

		releaseFirstLoad.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("value of first");
		assertThat(this.loads).containsExactly(Set.of("first"));
	}

	@Test
	void aWaitOfZeroRefusesACallerThatFindsEveryLoadUnderWayAtOnce() throws Exception {
		BatchingLoader<String, String> loader = holdingFirst(8, Duration.ZERO);
		Future<String> first = startHeldFirstLoad(loader);

		assertThatThrownBy(() -> loader.load("a")).isInstanceOf(TurnTimeoutException.class);
		assertThat(loader.inLine()).isZero();

		releaseFirstLoad.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("value of first");
		assertThat(loader.load("b")).isEqualTo("value of b");
		assertThat(this.loads).containsExactly(Set.of("first"), Set.of("b"));
	}

	@Test
	void aCallerTakenByALoadBeforeItsWaitEndsGetsItsValueHoweverLongTheLoadTakes() throws Exception {
		CountDownLatch secondLoadStarted = new CountDownLatch(1);
		CountDownLatch releaseSecondLoad = new CountDownLatch(1);
		BatchingLoader<String, String> loader = new BatchingLoader<>(recording(keys -> {
			if (!holdIfFirst(keys)) {
				secondLoadStarted.countDown();
				await(releaseSecondLoad);
			}
			return valuesOfKnown(keys);
		}), 8, 1, Duration.ofSeconds(2));
		Future<String> first = startHeldFirstLoad(loader);
		List<Future<String>> callers = callersInLine(loader, 2);
		// k0 gets the turn and loads k0 and k1; k1's wait ends during that load
		releaseFirstLoad.countDown();
		await(secondLoadStarted);
		Thread.sleep(2300);

		releaseSecondLoad.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("value of first");
		assertThat(callers.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("value of k0");
		assertThat(callers.get(1).get(10, TimeUnit.SECONDS)).isEqualTo("value of k1");
		assertThat(this.loads).containsExactly(Set.of("first"), Set.of("k0", "k1"));
	}

	@Test
	void aCallerOfManyKeysWaitsItsTurnInLineAndGetsThemInOneLoadEvenPastMaxBatch() throws Exception {
		BatchingLoader<String, String> loader = holdingFirst(3, LONG_WAIT);
		Future<String> first = startHeldFirstLoad(loader);
		Future<String> before = this.threads.submit(() -> loader.load("a"));
		waitUntil(() -> loader.inLine() == 1);
		Future<Map<String, String>> many = this.threads
			.submit(() -> loader.loadAll(Set.of("b", "c", "d", "e", "nobody")));
		waitUntil(() -> loader.inLine() == 2);
		Future<String> after = this.threads.submit(() -> loader.load("f"));
		waitUntil(() -> loader.inLine() == 3);

		releaseFirstLoad.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("value of first");
		assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo("value of a");
		assertThat(many.get(10, TimeUnit.SECONDS))
			.isEqualTo(Map.of("b", "value of b", "c", "value of c", "d", "value of d", "e", "value of e"));
		assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("value of f");
		// in the order of the line: the five keys were too many to join "a"'s load, and
		// "f" too many to join theirs, yet the five were read together
		assertThat(this.loads).containsExactly(Set.of("first"), Set.of("a"), Set.of("b", "c", "d", "e", "nobody"),
				Set.of("f"));
		assertThat(loader.inLine()).isZero();
	}

	@Test
	void callersOfManyKeysAndOfOneShareALoadWhileTheyFitInMaxBatch() throws Exception {
		BatchingLoader<String, String> loader = holdingFirst(4, LONG_WAIT);
		Future<String> first = startHeldFirstLoad(loader);
		Future<Map<String, String>> many = this.threads.submit(() -> loader.loadAll(Set.of("a", "b", "nobody")));
		waitUntil(() -> loader.inLine() == 1);
		Future<String> one = this.threads.submit(() -> loader.load("c"));
		waitUntil(() -> loader.inLine() == 2);

		releaseFirstLoad.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("value of first");
		assertThat(many.get(10, TimeUnit.SECONDS)).containsEntry("a", "value of a")
			.containsEntry("b", "value of b")
			.doesNotContainKey("nobody");
		assertThat(one.get(10, TimeUnit.SECONDS)).isEqualTo("value of c");
		assertThat(this.loads).containsExactly(Set.of("first"), Set.of("a", "b", "nobody", "c"));
		// the callers of one load share its map: none may change it under the others
		assertThatThrownBy(() -> many.get().put("c", "changed")).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void givenLoadThreadsEveryLoadRunsOnThemWithItsCallersLoggingContextAndCallersGetTheirValues() throws Exception {
		ExecutorService loadThreads = Executors.newSingleThreadExecutor(load -> new Thread(load, "load-thread"));
		try {
			List<String> seen = new CopyOnWriteArrayList<>();
			BatchingLoader<String, String> loader = new BatchingLoader<>(recording(keys -> {
				seen.add(Thread.currentThread().getName() + " " + MDC.get("requestId"));
				holdIfFirst(keys);
				return valuesOfKnown(keys);
			}), 8, 1, LONG_WAIT, loadThreads);
			Future<String> first = this.threads.submit(() -> {
				MDC.put("requestId", "r1");
				try {
					return loader.load("first");
				}
				finally {
					MDC.clear();
				}
			});
			await(this.firstLoadStarted);
			List<Future<String>> callers = callersInLine(loader, 3);

			releaseFirstLoad.countDown();

			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("value of first");
			for (int i = 0; i < callers.size(); i++) {
				assertThat(callers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("value of k" + i);
			}
			// the second load, for the callers in line, ran for one of them: no request
			// id
			assertThat(seen).containsExactly("load-thread r1", "load-thread null");
			assertThat(this.loads).hasSize(2);
		}
		finally {
			loadThreads.shutdownNow();
		}
	}

	@Test
	void aLoadFailingOnLoadThreadsFailsItsCallersWithItsOwnExceptionNotAWrapper() throws Exception {
		ExecutorService loadThreads = Executors.newSingleThreadExecutor();
		try {
			IllegalStateException outage = new IllegalStateException("database down");
			OutOfMemoryError error = new OutOfMemoryError("no room");
			BatchingLoader<String, String> loader = new BatchingLoader<>(keys -> {
				if (keys.contains("error")) {
					throw error;
				}
				throw outage;
			}, 8, 1, LONG_WAIT, loadThreads);

			assertThatThrownBy(() -> loader.load("a")).isSameAs(outage);
			assertThatThrownBy(() -> loader.load("error")).isSameAs(error);
			assertThat(loader.inLine()).isZero();
		}
		finally {
			loadThreads.shutdownNow();
		}
	}

	@Test
	void stoppedLoadThreadsLeaveTheLoadToTheCaller() {
		ExecutorService loadThreads = Executors.newSingleThreadExecutor();
		loadThreads.shutdown();
		List<String> seen = new CopyOnWriteArrayList<>();
		BatchingLoader<String, String> loader = new BatchingLoader<>(keys -> {
			seen.add(Thread.currentThread().getName());
			return valuesOfKnown(keys);
		}, 8, 1, LONG_WAIT, loadThreads);

		assertThat(loader.load("ann")).isEqualTo("value of ann");
		assertThat(seen).containsExactly(Thread.currentThread().getName());
	}

	@Test
	void noCallerAsksForNoKeys() {
		BatchingLoader<String, String> loader = new BatchingLoader<>(recording(this::valuesOfKnown), 8, 1, LONG_WAIT);

		assertThatThrownBy(() -> loader.loadAll(Set.of())).isInstanceOf(IllegalArgumentException.class);
		assertThat(this.loads).isEmpty();
	}

	/** How long {@code load} took to be refused its turn, in ms; fails if it was not. */
	private static long millisUntilTurnTimeout(Runnable load) {
		long started = System.nanoTime();
		assertThatThrownBy(load::run).isInstanceOf(TurnTimeoutException.class);
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
	}

	/**
	 * A loader of one load at a time that holds the load of "first" until released
	 * ({@link #startHeldFirstLoad}) and knows every key but "nobody".
	 */
	private BatchingLoader<String, String> holdingFirst(int maxBatch, Duration maxWait) {
		return new BatchingLoader<>(recording(keys -> {
			holdIfFirst(keys);
			return valuesOfKnown(keys);
		}), maxBatch, 1, maxWait);
	}

	/**
	 * In a loader: holds the load of "first" until released; whether it was that load.
	 */
	private boolean holdIfFirst(Set<String> keys) {
		if (!keys.contains("first")) {
			return false;
		}
		this.firstLoadStarted.countDown();
		await(this.releaseFirstLoad);
		return true;
	}

	/** Starts the load of "first" and waits until it is held. */
	private Future<String> startHeldFirstLoad(BatchingLoader<String, String> loader) {
		Future<String> first = this.threads.submit(() -> loader.load("first"));
		await(this.firstLoadStarted);
		return first;
	}

	/** Callers of the keys k0, k1, …, each started and waiting in line. */
	private List<Future<String>> callersInLine(BatchingLoader<String, String> loader, int count)
			throws InterruptedException {
		List<Future<String>> callers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String key = "k" + i;
			callers.add(this.threads.submit(() -> loader.load(key)));
		}
		waitUntil(() -> loader.inLine() == count);
		return callers;
	}

	private Function<Set<String>, Map<String, String>> recording(Function<Set<String>, Map<String, String>> load) {
		return keys -> {
			this.loads.add(Set.copyOf(keys));
			return load.apply(keys);
		};
	}

	private Map<String, String> valuesOfKnown(Set<String> keys) {
		Map<String, String> values = new HashMap<>();
		keys.stream().filter(key -> !key.equals("nobody")).forEach(key -> values.put(key, "value of " + key));
		return values;
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
			Thread.sleep(1);
		}
	}

}
