package io.github.springsocketio.adapter;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.springsocketio.server.BroadcastOptions;

/**
 * Which local sockets are in which rooms, both ways, safe for concurrent use. Empty rooms disappear.
 */
final class RoomIndex {

	private final ConcurrentMap<String, Set<String>> rooms = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Set<String>> sids = new ConcurrentHashMap<>();

	void addAll(String socketId, Set<String> rooms) {
		this.sids.computeIfAbsent(socketId, (id) -> ConcurrentHashMap.newKeySet()).addAll(rooms);
		for (String room : rooms) {
			this.rooms.compute(room, (name, members) -> {
				Set<String> set = (members != null) ? members : ConcurrentHashMap.newKeySet();
				set.add(socketId);
				return set;
			});
		}
	}

	void del(String socketId, String room) {
		Set<String> joined = this.sids.get(socketId);
		if (joined != null) {
			joined.remove(room);
		}
		removeMember(room, socketId);
	}

	void delAll(String socketId) {
		Set<String> joined = this.sids.remove(socketId);
		if (joined != null) {
			for (String room : joined) {
				removeMember(room, socketId);
			}
		}
	}

	private void removeMember(String room, String socketId) {
		this.rooms.computeIfPresent(room, (name, members) -> {
			members.remove(socketId);
			return members.isEmpty() ? null : members;
		});
	}

	Set<String> socketRooms(String socketId) {
		Set<String> joined = this.sids.get(socketId);
		return (joined != null) ? Set.copyOf(joined) : Set.of();
	}

	Set<String> rooms() {
		return Set.copyOf(this.rooms.keySet());
	}

	int roomSize(String room) {
		Set<String> members = this.rooms.get(room);
		return (members != null) ? members.size() : 0;
	}

	int socketCount() {
		return this.sids.size();
	}

	/**
	 * The local sockets the options select: members of any targeted room (every socket when none), minus members of
	 * any excluded room, each once. The common cases return live views rather than copies.
	 */
	Collection<String> select(BroadcastOptions options) {
		Set<String> excluded = members(options.except());
		if (options.rooms().isEmpty()) {
			if (excluded.isEmpty()) {
				return this.sids.keySet();
			}
			Set<String> selected = new LinkedHashSet<>();
			for (String id : this.sids.keySet()) {
				if (!excluded.contains(id)) {
					selected.add(id);
				}
			}
			return selected;
		}
		if (options.rooms().size() == 1 && excluded.isEmpty()) {
			Set<String> members = this.rooms.get(options.rooms().iterator().next());
			return (members != null) ? members : Set.of();
		}
		Set<String> selected = new LinkedHashSet<>();
		for (String room : options.rooms()) {
			Set<String> members = this.rooms.get(room);
			if (members != null) {
				for (String id : members) {
					if (!excluded.contains(id)) {
						selected.add(id);
					}
				}
			}
		}
		return selected;
	}

	private Set<String> members(Set<String> rooms) {
		if (rooms.isEmpty()) {
			return Set.of();
		}
		Set<String> members = new LinkedHashSet<>();
		for (String room : rooms) {
			Set<String> set = this.rooms.get(room);
			if (set != null) {
				members.addAll(set);
			}
		}
		return members;
	}

}
