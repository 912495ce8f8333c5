package dev.facecard.support;

import java.io.IOException;
import java.net.Socket;

import org.testcontainers.containers.GenericContainer;

/**
 * The Redis of the tests that share rate limits between instances, one per test run. With
 * a Docker engine: a Testcontainers Redis. Without one: the server at
 * {@code FACECARD_TEST_REDIS_HOST}:{@code FACECARD_TEST_REDIS_PORT} (default
 * {@code localhost:6379}); tests keep out of each other's way there with a key prefix of
 * their own.
 */
public final class TestRedis {

	public record Server(String host, int port) {
	}

	private static Server server;

	private TestRedis() {
	}

	public static synchronized Server get() {
		if (server == null) {
			server = TestPostgres.dockerAvailable() ? startContainer() : localServer();
		}
		return server;
	}

	// stopped by Testcontainers' reaper at the end of the run
	@SuppressWarnings("resource")
	private static Server startContainer() {
		GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
		container.start();
		return new Server(container.getHost(), container.getMappedPort(6379));
	}

	private static Server localServer() {
		String host = TestPostgres.env("FACECARD_TEST_REDIS_HOST", "localhost");
		int port = Integer.parseInt(TestPostgres.env("FACECARD_TEST_REDIS_PORT", "6379"));
		try (Socket probe = new Socket(host, port)) {
			return new Server(host, port);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Redis at " + host + ":" + port + " is needed for the tests of shared "
					+ "rate limits (or a Docker engine for Testcontainers): " + ex.getMessage(), ex);
		}
	}

}
