package io.github.springsocketio.testing;

import java.util.ArrayDeque;
import java.util.Deque;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes what a test started (clients, nodes, processes) after it, last started first, even when the test failed.
 *
 * <pre>{@code
 * @RegisterExtension
 * final Resources resources = new Resources();
 * }</pre>
 */
public final class Resources implements AfterEachCallback {

	private final Deque<AutoCloseable> resources = new ArrayDeque<>();

	/**
	 * @param resource something to close after the test
	 * @param <T> its type
	 * @return the resource
	 */
	public <T extends AutoCloseable> T add(T resource) {
		synchronized (this.resources) {
			this.resources.push(resource);
		}
		return resource;
	}

	@Override
	public void afterEach(ExtensionContext context) throws Exception {
		closeAll();
	}

	/**
	 * Closes every resource added so far, last added first.
	 * @throws Exception the first failure to close, with the later ones suppressed
	 */
	public void closeAll() throws Exception {
		Exception failure = null;
		while (true) {
			AutoCloseable resource;
			synchronized (this.resources) {
				resource = this.resources.poll();
			}
			if (resource == null) {
				break;
			}
			try {
				resource.close();
			}
			catch (Exception ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
