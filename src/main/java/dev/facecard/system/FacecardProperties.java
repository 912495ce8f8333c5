package dev.facecard.system;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every tunable of Facecard ({@code facecard.*}); the README lists each with its default.
 *
 * @param adminToken bearer token of the admin API; generated and logged once at start-up when unset
 * @param demoData load the demo data set; unset means "only on the embedded H2 database"
 * @param publicBaseUrl base of the absolute avatar URLs; unset means "from the request"
 * @param avatar avatar upload and delivery settings
 */
@ConfigurationProperties("facecard")
public record FacecardProperties(String adminToken, Boolean demoData, URI publicBaseUrl,
		@DefaultValue Avatar avatar) {

	public FacecardProperties {
		if (publicBaseUrl != null && !publicBaseUrl.isAbsolute()) {
			throw new IllegalArgumentException("facecard.public-base-url must be an absolute URL");
		}
	}

	/**
	 * @param maxAge {@code Cache-Control: max-age} of {@code get_avatar} answers
	 * @param maxUploadSize largest accepted upload (413 beyond)
	 * @param maxPixels largest accepted width × height, read from the image header before decoding
	 * @param maxDimension stored avatars are scaled down to fit this many pixels on each side
	 * @param jpegQuality quality of the re-encoded JPEG, 0 to 1
	 */
	public record Avatar(@DefaultValue("300s") Duration maxAge, @DefaultValue("5MB") DataSize maxUploadSize,
			@DefaultValue("40000000") long maxPixels, @DefaultValue("1024") int maxDimension,
			@DefaultValue("0.9") float jpegQuality) {

		public Avatar {
			if (maxAge.isNegative() || maxUploadSize.toBytes() <= 0 || maxPixels <= 0 || maxDimension < 16
					|| jpegQuality <= 0 || jpegQuality > 1) {
				throw new IllegalArgumentException("facecard.avatar.*: max-age >= 0, max-upload-size > 0, "
						+ "max-pixels > 0, max-dimension >= 16 and 0 < jpeg-quality <= 1");
			}
		}

	}

}
