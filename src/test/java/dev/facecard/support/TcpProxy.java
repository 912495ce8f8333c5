package dev.facecard.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port that tests can cut (every connection dropped, new ones
 * refused), stall (connections stay open but nothing passes, as when a network silently
 * drops packets) and restore, to take a real server away from the application and give it
 * back.
 */
public final class TcpProxy implements AutoCloseable {

	private final String targetHost;

	private final int targetPort;

	private final int port;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket server;

	private volatile boolean stalled;

	public TcpProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.server = listen(0);
		this.port = this.server.getLocalPort();
		acceptInBackground(this.server);
	}

	public int port() {
		return this.port;
	}

	/** Drops every connection and refuses new ones until {@link #restore()}. */
	public synchronized void cut() throws IOException {
		this.stalled = false;
		this.server.close();
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.sockets.clear();
	}

	/**
	 * Keeps every connection open but passes no byte, and accepts new ones that never
	 * reach the server.
	 */
	public void stall() {
		this.stalled = true;
	}

	public synchronized void restore() throws IOException {
		if (this.stalled) {
			// Close first, then let bytes flow: what a stalled connection held must never
			// arrive mid-stream later (no real TCP path does that), and the application
			// gave up on these connections anyway.
			for (Socket socket : this.sockets) {
				closeQuietly(socket);
			}
			this.sockets.clear();
			this.stalled = false;
		}
		if (this.server.isClosed()) {
			this.server = listen(this.port);
			acceptInBackground(this.server);
		}
	}

	@Override
	public void close() throws IOException {
		cut();
	}

	private static ServerSocket listen(int port) throws IOException {
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		return socket;
	}

	private void acceptInBackground(ServerSocket listening) {
		daemon("proxy-accept", () -> {
			while (!listening.isClosed()) {
				try {
					Socket client = listening.accept();
					this.sockets.add(client);
					if (this.stalled) {
						continue; // held open, never answered
					}
					Socket upstream = new Socket(this.targetHost, this.targetPort);
					this.sockets.add(client);
					this.sockets.add(upstream);
					daemon("proxy-up", () -> pump(client, upstream));
					daemon("proxy-down", () -> pump(upstream, client));
				}
				catch (IOException ex) {
					// closed by cut(), or the target refused: the client sees its
					// connection end
				}
			}
		});
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				while (this.stalled && !from.isClosed()) {
					Thread.sleep(10);
				}
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// either side closed
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.sockets.remove(from);
			this.sockets.remove(to);
		}
	}

	private static void daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
