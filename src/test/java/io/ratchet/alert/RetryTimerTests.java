package io.ratchet.alert;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The background retry of failed sends: one pending retry at a time, and a closing
 * process waits only for a send in progress, never for a retry not started yet (the next
 * run delivers it).
 */
class RetryTimerTests {

	@Test
	void stoppingDoesNotWaitForARetryNotStartedYet() {
		// given: a retry due in an hour, which replaced one due in half an hour
		RetryTimer timer = new RetryTimer();
		AtomicInteger ran = new AtomicInteger();
		timer.schedule(Duration.ofMinutes(30), ran::incrementAndGet);
		timer.schedule(Duration.ofHours(1), ran::incrementAndGet);

		// when / then: stop returns long before its two-minute wait for a send in
		// progress would end
		assertTimeoutPreemptively(Duration.ofSeconds(60), timer::stop);
		assertThat(ran).hasValue(0);
	}

	@Test
	void stoppingWaitsForASendInProgress() throws InterruptedException {
		// given: a retry that is sending now
		RetryTimer timer = new RetryTimer();
		CountDownLatch sending = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger finished = new AtomicInteger();
		timer.schedule(Duration.ZERO, () -> {
			sending.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			finished.incrementAndGet();
		});
		assertThat(sending.await(60, TimeUnit.SECONDS)).isTrue();

		// when: the timer stops while the send is under way, and the send then ends
		Thread stopper = new Thread(timer::stop);
		stopper.start();
		await().atMost(Duration.ofSeconds(60)).until(() -> stopper.getState() == Thread.State.TIMED_WAITING);
		boolean waitedForTheSend = stopper.isAlive();
		release.countDown();
		stopper.join(TimeUnit.SECONDS.toMillis(60));

		// then: stop waited, and the send was not interrupted
		assertThat(waitedForTheSend).isTrue();
		assertThat(stopper.isAlive()).isFalse();
		assertThat(finished).hasValue(1);
	}

}
