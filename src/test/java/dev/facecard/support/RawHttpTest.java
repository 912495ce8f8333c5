package dev.facecard.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.facecard.support.TestHttp.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RawHttp} against a server that answers before it has read the request and then
 * resets the connection, as Linux does when a server closes with request bytes unread
 * (Java's own sockets send a close first, which mostly hides the reset from the client;
 * this server does not).
 */
class RawHttpTest {

	/**
	 * Requests the server does not read to the end: one written whole before the reset
	 * comes (which the reader then meets), one too large for that (the writer meets it).
	 */
	private static final List<byte[]> REQUESTS = List.of(post(1000), post(200_000));

	@Test
	void anAnswerThatRunsToTheEndOfTheConnectionIsWholeDespiteTheReset() throws IOException {
		try (Server server = new Server("HTTP/1.1 400 \r\nConnection: close\r\n\r\nrefused", 16, true)) {
			for (int i = 0; i < 50; i++) {
				Response response = new RawHttp(server.port()).exchange(REQUESTS.get(i % 2));
				assertThat(response.status()).isEqualTo(400);
				assertThat(response.text()).isEqualTo("refused");
			}
		}
	}

	@Test
	void anHttp09AnswerIsWholeDespiteTheReset() throws IOException {
		try (Server server = new Server("<html>refused</html>", 16, true)) {
			for (int i = 0; i < 50; i++) {
				Response response = new RawHttp(server.port()).exchange(REQUESTS.get(i % 2));
				assertThat(response.status()).isEqualTo(RawHttp.HTTP_09);
				assertThat(response.text()).isEqualTo("<html>refused</html>");
			}
		}
	}

	@Test
	void anAnswerCutShortOfItsLengthIsAnError() throws IOException {
		try (Server server = new Server("HTTP/1.1 400 \r\nContent-Length: 100\r\n\r\nrefu", 16, true)) {
			for (int i = 0; i < 20; i++) {
				byte[] request = REQUESTS.get(i % 2);
				assertThatThrownBy(() -> new RawHttp(server.port()).exchange(request))
					.isInstanceOf(UncheckedIOException.class)
					.cause()
					.hasMessageStartingWith("The answer ended after 4 of its 100 bytes");
			}
		}
	}

	@Test
	void nothingBeforeTheEndOfTheConnectionIsAnEmptyHttp09Answer() throws IOException {
		// reset with the request unread, and closed after reading it all
		for (boolean reset : new boolean[] { true, false }) {
			try (Server server = new Server("", reset ? 16 : Integer.MAX_VALUE, reset)) {
				for (int i = 0; i < 20; i++) {
					Response response = new RawHttp(server.port()).exchange(REQUESTS.get(i % 2));
					assertThat(response.status()).isEqualTo(RawHttp.HTTP_09);
					assertThat(response.body()).isEmpty();
				}
			}
		}
	}

	private static byte[] post(int length) {
		return ("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + length + "\r\n\r\n" + "x".repeat(length))
			.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Reads up to {@code reads} bytes of each request (to its end at most), writes
	 * {@code answer}, and closes, with a reset when {@code reset}.
	 */
	private static final class Server implements AutoCloseable {

		private final ServerSocket socket;

		Server(String answer, int reads, boolean reset) throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread server = new Thread(() -> {
				while (!this.socket.isClosed()) {
					try (Socket connection = this.socket.accept()) {
						connection.setSoLinger(reset, 0);
						InputStream in = connection.getInputStream();
						byte[] buffer = new byte[8192];
						int count = 0;
						int read = 0;
						while (count < reads && read >= 0) {
							read = in.read(buffer, 0, Math.min(buffer.length, reads - count));
							count += Math.max(read, 0);
						}
						connection.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
					}
					catch (IOException ex) {
						// closed, or the client gave up: next connection
					}
				}
			}, "raw-http-test-server");
			server.setDaemon(true);
			server.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
