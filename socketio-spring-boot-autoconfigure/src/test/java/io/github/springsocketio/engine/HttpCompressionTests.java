package io.github.springsocketio.engine;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coding of a polling response is chosen from the request's {@code Accept-Encoding} as Node.js's
 * {@code accepts(req).encodings(["gzip", "deflate"])} chooses it.
 */
class HttpCompressionTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', nullValues = "none", value = {
			"gzip, deflate, br, zstd | gzip",
			"deflate, gzip | deflate",
			"gzip;q=0.5, deflate | deflate",
			"deflate;q=0.2, gzip;q=0.1 | deflate",
			"* | gzip",
			"br, * | gzip",
			"*;q=0.5, deflate | deflate",
			"gzip;q=0, * | deflate",
			"GZIP | gzip",
			"identity | none",
			"br | none",
			"gzip;q=0, deflate;q=0 | none",
			"gzip;q=abc | none",
			"'' | none" })
	void theCodingIsTheBestTheRequestAccepts(String acceptEncoding, String expected) {
		assertThat(HttpCompression.preferredCoding(acceptEncoding)).isEqualTo(expected);
	}

	@Test
	void nothingIsChosenWhenCompressionIsOff() {
		HttpHeaders headers = new DefaultHttpHeaders().set("Accept-Encoding", "gzip");

		assertThat(HttpCompression.negotiate(null, headers)).isNull();
		assertThat(HttpCompression.negotiate(CompressionOptions.DEFAULT, headers))
			.isEqualTo(new HttpCompression("gzip", 1024));
		assertThat(HttpCompression.negotiate(CompressionOptions.DEFAULT, new DefaultHttpHeaders())).isNull();
	}

}
