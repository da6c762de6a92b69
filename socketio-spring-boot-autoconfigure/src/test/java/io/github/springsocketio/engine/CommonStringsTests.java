package io.github.springsocketio.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The strings every handshake repeats are shared; any other string is returned as it is. */
class CommonStringsTests {

	@Test
	void aCommonHeaderNameOrQueryValueComesBackAsTheSharedInstance() {
		String parsed = new String("sec-websocket-key".toCharArray());

		assertThat(CommonStrings.shared(parsed)).isEqualTo(parsed).isNotSameAs(parsed)
			.isSameAs(CommonStrings.shared(new String("sec-websocket-key".toCharArray())));
		assertThat(CommonStrings.shared(new String("websocket".toCharArray())))
			.isSameAs(CommonStrings.shared("websocket"));
	}

	@Test
	void anyOtherStringIsReturnedAsItIs() {
		String custom = "x-custom-header";

		assertThat(CommonStrings.shared(custom)).isSameAs(custom);
	}

}
