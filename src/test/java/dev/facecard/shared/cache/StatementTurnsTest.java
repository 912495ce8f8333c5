package dev.facecard.shared.cache;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatementTurnsTest {

	@Test
	void atMostTheTurnsRunAndTheNextIsRefusedAfterItsWait() throws Exception {
		StatementTurns turns = new StatementTurns(2, Duration.ofMillis(200));
		CountDownLatch running = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService callers = Executors.newFixedThreadPool(2);
		try {
			Future<String> first = callers.submit(() -> turns.run(() -> hold(running, release, "first")));
			Future<String> second = callers.submit(() -> turns.run(() -> hold(running, release, "second")));
			assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(turns.running()).isEqualTo(2);

			long started = System.nanoTime();
			assertThatThrownBy(() -> turns.run(() -> "third")).isInstanceOf(TurnTimeoutException.class);
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(200);

			release.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
			assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second");
			assertThat(turns.run(() -> "fourth")).isEqualTo("fourth");
			assertThat(turns.running()).isZero();
		}
		finally {
			release.countDown();
			callers.shutdownNow();
		}
	}

	@Test
	void aWaiterGetsTheTurnThatFreesWithinItsWait() throws Exception {
		StatementTurns turns = new StatementTurns(1, Duration.ofSeconds(10));
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService callers = Executors.newFixedThreadPool(2);
		try {
			Future<String> holder = callers.submit(() -> turns.run(() -> hold(running, release, "held")));
			assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
			Future<String> waiter = callers.submit(() -> turns.run(() -> "waited"));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!turns.hasWaiters() && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			assertThat(turns.hasWaiters()).as("the second caller waits for the turn").isTrue();

			release.countDown();
			assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("held");
			assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo("waited");
		}
		finally {
			release.countDown();
			callers.shutdownNow();
		}
	}

	@Test
	void aFailedStatementGivesItsTurnBackAndAZeroWaitRefusesAtOnceTellingEachRefusal() throws Exception {
		AtomicInteger refusals = new AtomicInteger();
		StatementTurns turns = new StatementTurns(1, Duration.ZERO, refusals::incrementAndGet);
		assertThatThrownBy(() -> turns.run(() -> {
			throw new IllegalStateException("the database failed");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(turns.running()).isZero();
		assertThat(turns.run(() -> "next")).isEqualTo("next");
		assertThat(refusals).as("a statement run, or one that failed, is no refusal").hasValue(0);

		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread holder = new Thread(() -> turns.run(() -> hold(running, release, "held")));
		holder.start();
		try {
			assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
			assertThatThrownBy(() -> turns.run(() -> "refused")).isInstanceOf(TurnTimeoutException.class);
			assertThatThrownBy(() -> turns.run(() -> "refused")).isInstanceOf(TurnTimeoutException.class);
		}
		finally {
			release.countDown();
		}
		holder.join(10_000);
		assertThat(turns.running()).isZero();
		assertThat(refusals).hasValue(2);
	}

	@Test
	void boundsAreChecked() {
		assertThatThrownBy(() -> new StatementTurns(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new StatementTurns(1, Duration.ofMillis(-1)))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private static String hold(CountDownLatch running, CountDownLatch release, String value) {
		running.countDown();
		try {
			release.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return value;
	}

}
