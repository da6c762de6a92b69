package io.github.springsocketio.adapter.redis;

import org.jspecify.annotations.Nullable;

/**
 * The PUB/SUB channel names of one namespace's adapter, as {@code @socket.io/redis-adapter} 8 names them:
 * broadcasts on {@code <key>#<nsp>#} (or {@code <key>#<nsp>#<room>#} for a single room), requests on
 * {@code <key>-request#<nsp>#}, responses on {@code <key>-response#<nsp>#} or the requester's own
 * {@code <key>-response#<nsp>#<uid>#}.
 *
 * @param key the channel prefix
 * @param namespace the namespace, not escaped (as Node.js does)
 * @param uid this adapter's id
 */
record RedisAdapterChannels(String key, String namespace, String uid) {

	/** @return the channel of broadcasts to everyone or to several rooms */
	String broadcast() {
		return this.key + "#" + this.namespace + "#";
	}

	/** @return the pattern matching every broadcast channel of the namespace, the bare one included */
	String broadcastPattern() {
		return broadcast() + "*";
	}

	/**
	 * @param room a room
	 * @return the channel of broadcasts to that one room
	 */
	String room(String room) {
		return broadcast() + room + "#";
	}

	/**
	 * @param channel a channel the broadcast pattern matched
	 * @return the room it is for, {@code ""} for the bare channel, or {@code null} when it is no broadcast channel of
	 * this namespace
	 */
	@Nullable String roomOf(String channel) {
		String broadcast = broadcast();
		if (!channel.startsWith(broadcast)) {
			return null;
		}
		if (channel.length() == broadcast.length()) {
			return "";
		}
		// as Node.js: whatever is between the namespace's channel and the last character
		return channel.substring(broadcast.length(), channel.length() - 1);
	}

	/** @return the channel requests go to; its subscriber count is the server count */
	String request() {
		return this.key + "-request#" + this.namespace + "#";
	}

	/** @return the namespace's shared response channel */
	String response() {
		return this.key + "-response#" + this.namespace + "#";
	}

	/**
	 * @param requesterUid an adapter's id
	 * @return that adapter's own response channel
	 */
	String response(String requesterUid) {
		return response() + requesterUid + "#";
	}

	/** @return this adapter's own response channel */
	String ownResponse() {
		return response(this.uid);
	}

}
