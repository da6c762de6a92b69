package io.github.springsocketio.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample application. Without a profile it serves a chat on an in-memory adapter; the {@code conformance}
 * profile adds the endpoints the official protocol suites test.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
