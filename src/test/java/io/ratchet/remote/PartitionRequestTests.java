package io.ratchet.remote;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PartitionRequestTests {

	@Test
	void aRequestTravelsAsALineOfText() {
		// given
		PartitionRequest request = new PartitionRequest("backtestMonth", 42);

		// when
		String text = request.format();

		// then
		assertThat(text).isEqualTo("backtestMonth 42");
		assertThat(PartitionRequest.parse(text)).isEqualTo(request);
	}

	@Test
	void aMessageThatIsNotARequestIsRefusedQuotingIt() {
		// when / then
		assertThatIllegalArgumentException().isThrownBy(() -> PartitionRequest.parse("backtestMonth"))
			.withMessageContaining("'backtestMonth'");
		assertThatIllegalArgumentException().isThrownBy(() -> PartitionRequest.parse("backtestMonth x1"))
			.withMessageContaining("not a partition request");
		assertThatIllegalArgumentException().isThrownBy(() -> PartitionRequest.parse(null));
	}

}
