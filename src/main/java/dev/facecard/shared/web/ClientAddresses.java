package dev.facecard.shared.web;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Client addresses as the per-client limits key them, and networks as operators name
 * them. Every IPv6 client owns at least a /64, so an IPv6 address is keyed by its network
 * of {@code facecard.rate-limit.ipv6-prefix-length} bits: a client rotating through the
 * addresses of its own network keeps one budget.
 */
public final class ClientAddresses {

	/** The key of every client whose address cannot be read. */
	static final String UNPARSED = "unparsed";

	/** The well-known prefix of NAT64 (RFC 6052): 64:ff9b::/96. */
	private static final byte[] NAT64_PREFIX = { 0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };

	private ClientAddresses() {
	}

	/**
	 * The key of the client at {@code remoteAddress} (an IP literal, as the servlet
	 * container reports it, perhaps with a port a proxy appended): an IPv4 address as it
	 * is (also when written as IPv4-mapped or NAT64 IPv6), an IPv6 address as its first
	 * {@code ipv6PrefixLength} bits followed by {@code /ipv6PrefixLength}. Anything that
	 * is not an address shares one key.
	 */
	public static String key(String remoteAddress, int ipv6PrefixLength) {
		if (remoteAddress == null) {
			return UNPARSED;
		}
		if (isDottedQuad(remoteAddress)) {
			return remoteAddress; // IPv4: the common case, no parsing
		}
		InetAddress address = parse(withoutPort(remoteAddress));
		if (address instanceof Inet4Address) {
			return address.getHostAddress();
		}
		if (!(address instanceof Inet6Address)) {
			// one key for all that cannot be read: never a fresh budget per spelling
			return UNPARSED;
		}
		byte[] bytes = address.getAddress();
		if (startsWith(bytes, NAT64_PREFIX)) {
			// 64:ff9b::/96 carries an IPv4 client in its last 32 bits (NAT64): key by
			// those
			return (bytes[12] & 0xFF) + "." + (bytes[13] & 0xFF) + "." + (bytes[14] & 0xFF) + "." + (bytes[15] & 0xFF);
		}
		byte[] network = mask(bytes, ipv6PrefixLength);
		return HexFormat.of().formatHex(network, 0, (ipv6PrefixLength + 7) / 8) + "/" + ipv6PrefixLength;
	}

	/**
	 * An address without the port some proxies append ({@code 203.0.113.7:51234},
	 * {@code [2001:db8::1]:443}).
	 */
	private static String withoutPort(String address) {
		if (address.startsWith("[")) {
			int end = address.indexOf(']');
			return (end > 0) ? address.substring(1, end) : address;
		}
		int colon = address.indexOf(':');
		return (colon > 0 && colon == address.lastIndexOf(':')) ? address.substring(0, colon) : address;
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		return bytes.length == 16 && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
	}

	/**
	 * An IP literal as an address, without any name lookup; null when it is not one. A
	 * zone ({@code %eth0}) is ignored.
	 */
	public static InetAddress parse(String literal) {
		if (literal == null || literal.isEmpty()) {
			return null;
		}
		String address = literal;
		int zone = address.indexOf('%');
		if (zone >= 0) {
			address = address.substring(0, zone);
		}
		if (address.startsWith("[") && address.endsWith("]")) {
			address = address.substring(1, address.length() - 1);
		}
		boolean ipv6 = address.indexOf(':') >= 0 && isIpv6Text(address);
		if (!ipv6 && !isDottedQuad(address)) {
			return null; // never let InetAddress look a name up
		}
		try {
			return InetAddress.getByName(address);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/**
	 * Four groups of one to three ASCII digits joined by dots ({@code 203.0.113.7}), the
	 * form the container reports an IPv4 client in. Checked by hand, not by a regular
	 * expression: it runs for every request the limits see.
	 */
	static boolean isDottedQuad(String text) {
		int groups = 0;
		int digits = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				if (++digits > 3) {
					return false;
				}
			}
			else if (c == '.' && digits > 0 && groups < 3) {
				groups++;
				digits = 0;
			}
			else {
				return false;
			}
		}
		return groups == 3 && digits > 0;
	}

	/**
	 * Only hexadecimal digits, colons and dots (an IPv6 literal may end in IPv4 form).
	 */
	private static boolean isIpv6Text(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!(HexFormat.isHexDigit(c) || c == ':' || c == '.')) {
				return false;
			}
		}
		return !text.isEmpty();
	}

	private static byte[] mask(byte[] address, int prefixLength) {
		byte[] masked = Arrays.copyOf(address, address.length);
		for (int bit = prefixLength; bit < masked.length * 8; bit++) {
			masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
		}
		return masked;
	}

	/**
	 * An IP network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}; a bare
	 * address is a /32 or /128).
	 */
	public record Network(byte[] prefix, int prefixLength, String text) {

		public static Network parse(String cidr) {
			String text = cidr.strip();
			int slash = text.indexOf('/');
			InetAddress address = ClientAddresses.parse((slash >= 0) ? text.substring(0, slash) : text);
			if (address == null) {
				throw new IllegalArgumentException("Not an IP network: " + cidr);
			}
			byte[] bytes = address.getAddress();
			int length = bytes.length * 8;
			if (slash >= 0) {
				String bits = text.substring(slash + 1);
				if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > length) {
					throw new IllegalArgumentException("Not an IP network: " + cidr);
				}
				length = Integer.parseInt(bits);
			}
			return new Network(mask(bytes, length), length, text);
		}

		/**
		 * Whether {@code remoteAddress} (an IP literal) lies in this network; IPv4-mapped
		 * IPv6 counts as IPv4.
		 */
		public boolean contains(String remoteAddress) {
			InetAddress address = ClientAddresses.parse(remoteAddress);
			if (address == null) {
				return false;
			}
			byte[] bytes = address.getAddress();
			return bytes.length == this.prefix.length && Arrays.equals(mask(bytes, this.prefixLength), this.prefix);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Network network && network.prefixLength == this.prefixLength
					&& Arrays.equals(network.prefix, this.prefix);
		}

		@Override
		public int hashCode() {
			return 31 * Arrays.hashCode(this.prefix) + this.prefixLength;
		}

		@Override
		public String toString() {
			return this.text;
		}

	}

}
