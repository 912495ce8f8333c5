package dev.facecard.shared.web;

import dev.facecard.shared.web.ClientAddresses;
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
