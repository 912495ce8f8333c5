package dev.facecard.shared.web;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressesTest {

	@Test
	void ipv4AddressesAreTheirOwnKey() {
		assertThat(ClientAddresses.key("203.0.113.7", 64)).isEqualTo("203.0.113.7");
		assertThat(ClientAddresses.key("::ffff:203.0.113.7", 64)).isEqualTo("203.0.113.7");
	}

	@Test
	void theDottedQuadCheckNamesWhatTheContainerReportsForIpv4() {
		assertThat(ClientAddresses.isDottedQuad("203.0.113.7")).isTrue();
		assertThat(ClientAddresses.isDottedQuad("0.0.0.0")).isTrue();
		// the form only, as before: the container never reports such a value
		assertThat(ClientAddresses.isDottedQuad("999.999.999.999")).isTrue();
		for (String notQuad : new String[] { "", ".", "1.2.3", "1.2.3.4.", ".1.2.3.4", "1..2.3", "1.2.3.4.5",
				"1234.1.1.1", "1.2.3.4:80", "1.2.3.a", "::ffff:1.2.3.4", "١.٢.٣.٤", "1.2.3.4 " }) {
			assertThat(ClientAddresses.isDottedQuad(notQuad)).as(notQuad).isFalse();
		}
	}

	/**
	 * Strings drawn from digits and separators (seed fixed) are judged as the regular
	 * expression the hand-written check replaced judged them.
	 */
	@Test
	void theDottedQuadCheckAgreesWithTheRegularExpressionItReplaced() {
		Pattern dottedQuad = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
		String alphabet = "0123456789....:a";
		Random random = new Random(20261206);
		int quads = 0;
		for (int i = 0; i < 200_000; i++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(18);
			for (int c = 0; c < length; c++) {
				text.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			boolean expected = dottedQuad.matcher(text).matches();
			assertThat(ClientAddresses.isDottedQuad(text.toString())).as(text.toString()).isEqualTo(expected);
			quads += expected ? 1 : 0;
		}
		// the draw reaches both answers, so agreement says something
		assertThat(quads).isGreaterThan(100);
	}

	@Test
	void ipv6AddressesAreKeyedByTheirNetwork() {
		String key = ClientAddresses.key("2001:db8:1:2:3:4:5:6", 64);
		assertThat(key).isEqualTo("20010db800010002/64");
		assertThat(ClientAddresses.key("2001:0db8:0001:0002:ffff::1", 64)).isEqualTo(key);
		assertThat(ClientAddresses.key("2001:db8:1:2::1%eth0", 64)).isEqualTo(key);
		assertThat(ClientAddresses.key("2001:db8:1:3::1", 64)).isNotEqualTo(key);
		assertThat(ClientAddresses.key("2001:db8:1:2:3:4:5:6", 48)).isEqualTo("20010db80001/48");
		assertThat(ClientAddresses.key("2001:db8:1:2:3:4:5:6", 60)).isEqualTo("20010db800010000/60");
		assertThat(ClientAddresses.key("2001:db8:1:2:3:4:5:6", 128)).isEqualTo("20010db8000100020003000400050006/128");
	}

	@Test
	void aPortSomeProxiesAppendIsNotPartOfTheKey() {
		assertThat(ClientAddresses.key("203.0.113.7:51234", 64)).isEqualTo("203.0.113.7");
		assertThat(ClientAddresses.key("[2001:db8:1:2::1]:443", 64)).isEqualTo("20010db800010002/64");
	}

	@Test
	void aNat64AddressIsKeyedByTheIpv4ClientItCarries() {
		assertThat(ClientAddresses.key("64:ff9b::cb00:7107", 64)).isEqualTo("203.0.113.7");
		assertThat(ClientAddresses.key("64:ff9b::cb00:7108", 64)).isEqualTo("203.0.113.8");
		assertThat(ClientAddresses.key("::ffff:203.0.113.7", 64)).isEqualTo("203.0.113.7");
	}

	@Test
	void whatCannotBeReadSharesOneKeyWithoutANameLookup() {
		// never a fresh budget per spelling
		assertThat(ClientAddresses.key("localhost:1:2", 64)).isEqualTo("unparsed");
		assertThat(ClientAddresses.key("example.com", 64)).isEqualTo("unparsed");
		assertThat(ClientAddresses.key("unknown", 64)).isEqualTo("unparsed");
		assertThat(ClientAddresses.key(null, 64)).isEqualTo("unparsed");
		assertThat(ClientAddresses.parse("example.com")).isNull();
		assertThat(ClientAddresses.parse("1.2.3")).isNull();
		assertThat(ClientAddresses.parse("")).isNull();
	}

	@Test
	void networksContainTheirAddresses() {
		ClientAddresses.Network v4 = ClientAddresses.Network.parse("10.0.0.0/8");
		assertThat(v4.contains("10.255.1.2")).isTrue();
		assertThat(v4.contains("11.0.0.1")).isFalse();
		assertThat(v4.contains("::ffff:10.1.1.1")).isTrue();
		assertThat(v4.contains("2001:db8::1")).isFalse();
		ClientAddresses.Network v6 = ClientAddresses.Network.parse("2001:db8::/32");
		assertThat(v6.contains("2001:db8:ffff::1")).isTrue();
		assertThat(v6.contains("2001:db9::1")).isFalse();
		assertThat(v6.contains("10.0.0.1")).isFalse();
		assertThat(ClientAddresses.Network.parse("192.0.2.7").contains("192.0.2.7")).isTrue();
		assertThat(ClientAddresses.Network.parse("192.0.2.7").contains("192.0.2.8")).isFalse();
		assertThat(ClientAddresses.Network.parse("0.0.0.0/0").contains("198.51.100.1")).isTrue();
	}

	@Test
	void aNetworkThatIsNotOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAddresses.Network.parse("10.0.0.0/33"));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAddresses.Network.parse("intranet"));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAddresses.Network.parse("10.0.0.0/x"));
	}

}
