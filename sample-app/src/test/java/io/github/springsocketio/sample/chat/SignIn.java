package io.github.springsocketio.sample.chat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs a demo user in through the sample's login form, as a browser does (the form's CSRF token included), and
 * returns the session cookie a client then sends with its handshake.
 */
final class SignIn {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private SignIn() {
	}

	/** The {@code SESSION=...} cookie of the user signed in with the demo password. */
	static String sessionCookie(int port, String user) throws Exception {
		return sessionCookie(port, user, user + "-demo");
	}

	/** The {@code SESSION=...} cookie of the user signed in with the password. */
	static String sessionCookie(int port, String user, String password) throws Exception {
		URI login = URI.create("http://localhost:" + port + "/login");
		HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(login).timeout(TIMEOUT).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).as("the login form has a CSRF token: %s", page.body()).isTrue();
		String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1));
		HttpResponse<String> signedIn = HTTP.send(HttpRequest.newBuilder(login)
			.timeout(TIMEOUT)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookie(page))
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).as("the login redirects").isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).as("signed in as %s", user).doesNotContain("error"));
		return cookie(signedIn);
	}

	private static String cookie(HttpResponse<String> response) {
		String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(setCookie).startsWith("SESSION=");
		return setCookie.substring(0, setCookie.indexOf(';'));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
