package dev.facecard.shared.data;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Test {

	@Test
	void digestsTheStandardTestVectors() {
		assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
		assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		// UTF-8, as stored token hashes are
		assertThat(Sha256.hex("香草")).isEqualTo(Sha256
			.hex(new byte[] { (byte) 0xe9, (byte) 0xa6, (byte) 0x99, (byte) 0xe8, (byte) 0x8d, (byte) 0x89 }));
	}

	/**
	 * Every digest starts from a fresh state: threads hashing at once (inputs drawn from
	 * a fixed seed) each get what a digest of their own gives.
	 */
	@Test
	void digestsAtOnceFromManyThreadsAreEachTheirOwn() throws Exception {
		Random random = new Random(7);
		List<byte[]> inputs = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			byte[] input = new byte[random.nextInt(2048)];
			random.nextBytes(input);
			inputs.add(input);
		}
		List<Callable<Boolean>> tasks = new ArrayList<>();
		for (byte[] input : inputs) {
			tasks.add(() -> Sha256.hex(input)
				.equals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input))));
		}
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			for (Future<Boolean> same : pool.invokeAll(tasks)) {
				assertThat(same.get()).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
