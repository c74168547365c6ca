package io.ratchet.launch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LaunchExecutorTests {

	@Test
	void theFollowUpRunsAfterTheTaskOnAPoolThread() {
		try (LaunchExecutor executor = new LaunchExecutor(1)) {
			// given
			List<String> events = new CopyOnWriteArrayList<>();
			LaunchExecutor.Handoff handoff = executor.expect(() -> events.add("released"));
			// when
			executor.execute(() -> events.add("ran on " + Thread.currentThread().getName()));
			boolean handedOver = executor.handedOver(handoff);
			// then
			assertThat(handedOver).isTrue();
			await().atMost(Duration.ofMinutes(1)).until(() -> events.size() == 2);
			assertThat(events).containsExactly("ran on launch-1", "released");
		}
	}

	@Test
	void withoutATaskNothingIsHandedOverAndALaterTaskCarriesNoFollowUp() throws InterruptedException {
		try (LaunchExecutor executor = new LaunchExecutor(1)) {
			// given
			List<String> events = new CopyOnWriteArrayList<>();
			LaunchExecutor.Handoff handoff = executor.expect(() -> events.add("released"));
			// when: the launch failed before handing a task over
			boolean handedOver = executor.handedOver(handoff);
			CountDownLatch ran = new CountDownLatch(1);
			executor.execute(() -> {
				events.add("another task");
				ran.countDown();
			});
			// then
			assertThat(handedOver).isFalse();
			assertThat(ran.await(1, TimeUnit.MINUTES)).isTrue();
			assertThat(events).containsExactly("another task");
		}
	}

	@Test
	void runsBeyondThePoolWaitTheirTurnInsteadOfBeingRefused() throws InterruptedException {
		try (LaunchExecutor executor = new LaunchExecutor(1)) {
			// given: the only thread busy
			CountDownLatch release = new CountDownLatch(1);
			CountDownLatch done = new CountDownLatch(3);
			executor.execute(() -> {
				awaitQuietly(release);
				done.countDown();
			});
			// when
			executor.execute(done::countDown);
			executor.execute(done::countDown);
			release.countDown();
			// then
			assertThat(done.await(1, TimeUnit.MINUTES)).isTrue();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
