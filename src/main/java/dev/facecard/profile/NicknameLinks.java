package dev.facecard.profile;

import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.validator.routines.DomainValidator;
import org.nibor.autolink.LinkExtractor;
import org.nibor.autolink.LinkType;

/**
 * Whether a nickname carries a link: a URL, a {@code www.} host, an e-mail address
 * (autolink) or a bare domain with a real top-level domain (IANA's list, from
 * commons-validator). The text is NFKC-normalised first, so full-width forms
 * ({@code ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ}) count, and ideographic full stops are read as dots. Dotted
 * names without a top-level domain ({@code 小明 2.0}, {@code Mr.Smith}) are not links.
 */
final class NicknameLinks {

	private static final LinkExtractor LINKS = LinkExtractor.builder()
		.linkTypes(EnumSet.of(LinkType.URL, LinkType.WWW, LinkType.EMAIL))
		.build();

	/**
	 * label(.label)*.tld, not glued to surrounding letters or digits; the tld is checked
	 * against IANA's list.
	 */
	private static final Pattern BARE_DOMAIN = Pattern
		.compile("(?<![\\p{L}\\p{N}_-])(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+"
				+ "(\\p{L}{2,63})(?![\\p{L}\\p{N}_-])");

	private NicknameLinks() {
	}

	static boolean containsLink(String nickname) {
		String text = normalize(nickname);
		// every kind above needs one of these (a scheme's colon, a host's dot, an
		// address's at): most nicknames have none, and skip the searches
		if (text.indexOf('.') < 0 && text.indexOf(':') < 0 && text.indexOf('@') < 0) {
			return false;
		}
		if (LINKS.extractLinks(text).iterator().hasNext()) {
			return true;
		}
		Matcher domain = BARE_DOMAIN.matcher(text);
		while (domain.find()) {
			if (DomainValidator.getInstance().isValidTld(domain.group(1).toLowerCase(Locale.ROOT))) {
				return true;
			}
		}
		return false;
	}

	/** NFKC, then 。 (U+3002) as a dot: browsers accept it in host names. */
	static String normalize(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFKC).replace('\u3002', '.');
	}

}
