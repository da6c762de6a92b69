package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A cookie set on a handshake response. As Node's {@code cookie} option it carries the session id (for HAProxy
 * prefix mode and stick tables); the sticky node cookie uses the same attributes with another value.
 *
 * @param name the cookie name (default {@code io})
 * @param path the {@code Path} attribute (default {@code /})
 * @param domain the {@code Domain} attribute, {@code null} for none
 * @param httpOnly whether to add {@code HttpOnly} (default true)
 * @param sameSite the {@code SameSite} attribute: {@code Strict}, {@code Lax} (default) or {@code None}, or
 * {@code null} for none
 * @param secure whether to add {@code Secure}
 * @param maxAge the {@code Max-Age} attribute, {@code null} for a browser-session cookie (the default)
 * @param partitioned whether to add {@code Partitioned}
 */
public record CookieOptions(String name, String path, @Nullable String domain, boolean httpOnly,
		@Nullable String sameSite, boolean secure, @Nullable Duration maxAge, boolean partitioned) {

	public CookieOptions {
		Objects.requireNonNull(name, "name");
		if (name.isEmpty() || !name.chars().allMatch(CookieOptions::isTokenChar)) {
			throw new IllegalArgumentException("Invalid cookie name '" + name + "': use letters, digits and -_.");
		}
		if (sameSite != null) {
			sameSite = switch (sameSite.toLowerCase(Locale.ROOT)) {
				case "strict" -> "Strict";
				case "lax" -> "Lax";
				case "none" -> "None";
				default -> throw new IllegalArgumentException(
						"Invalid SameSite value '" + sameSite + "': use Strict, Lax or None");
			};
		}
		if ("None".equals(sameSite) && !secure) {
			throw new IllegalArgumentException("Cookie '" + name + "' has SameSite=None but not Secure: browsers "
					+ "reject such cookies. Set secure=true (and serve over HTTPS) or use SameSite=Lax.");
		}
		if (maxAge != null && maxAge.isNegative()) {
			throw new IllegalArgumentException("The max age of cookie '" + name + "' cannot be negative");
		}
	}

	/** @return Node's default: {@code io}, path {@code /}, {@code HttpOnly}, {@code SameSite=Lax} */
	public static CookieOptions defaults() {
		return new CookieOptions("io", "/", null, true, "Lax", false, null, false);
	}

	private static boolean isTokenChar(int c) {
		return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
	}

	/**
	 * Serialises a {@code Set-Cookie} value in the attribute order of Node's {@code cookie} library.
	 * @param value the cookie value; must need no escaping
	 * @return the header value
	 */
	public String toSetCookie(String value) {
		StringBuilder cookie = new StringBuilder(this.name).append('=').append(value);
		if (this.maxAge != null) {
			cookie.append("; Max-Age=").append(this.maxAge.toSeconds());
		}
		if (this.domain != null) {
			cookie.append("; Domain=").append(this.domain);
		}
		cookie.append("; Path=").append(this.path);
		if (this.httpOnly) {
			cookie.append("; HttpOnly");
		}
		if (this.secure) {
			cookie.append("; Secure");
		}
		if (this.partitioned) {
			cookie.append("; Partitioned");
		}
		if (this.sameSite != null) {
			cookie.append("; SameSite=").append(this.sameSite);
		}
		return cookie.toString();
	}

}
