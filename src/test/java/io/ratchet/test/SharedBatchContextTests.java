package io.ratchet.test;

import org.springframework.batch.test.context.SpringBatchTest;

/**
 * {@link SharedContextTests} with Spring Batch's test utilities
 * ({@code JobOperatorTestUtils}, {@code JobRepositoryTestUtils}, step scope): one context
 * shared by the job tests that need no setting of their own.
 */
@SpringBatchTest
public abstract class SharedBatchContextTests extends SharedContextTests {

}
