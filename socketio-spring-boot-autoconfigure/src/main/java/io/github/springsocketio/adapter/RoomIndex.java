package io.github.springsocketio.adapter;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentHashMap.KeySetView;
import java.util.concurrent.ConcurrentMap;

import io.github.springsocketio.server.BroadcastOptions;
import org.jspecify.annotations.Nullable;

/**
 * Which local sockets are in which rooms, both ways, safe for concurrent use. Empty rooms disappear.
 *
 * <p>A set of a few ids (a socket's rooms, its own room, a small room) is immutable and replaced whole, inside the
 * map's atomic {@code compute}; a larger one becomes a concurrent set changed in place. A server holds two of these
 * sets per connection, and a concurrent set costs about 200 bytes even with one element.
 */
final class RoomIndex {

	/** The most ids a set holds before it becomes a concurrent set, so that a change never copies more than this. */
	private static final int SMALL = 8;

	private final ConcurrentMap<String, Set<String>> rooms = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Set<String>> sids = new ConcurrentHashMap<>();

	void addAll(String socketId, Set<String> rooms) {
		this.sids.compute(socketId, (id, joined) -> {
			Set<String> set = (joined != null) ? joined : Set.of();
			for (String room : rooms) {
				set = plus(set, room);
			}
			return set;
		});
		for (String room : rooms) {
			this.rooms.compute(room, (name, members) -> plus((members != null) ? members : Set.of(), socketId));
		}
	}

	void del(String socketId, String room) {
		this.sids.computeIfPresent(socketId, (id, joined) -> minus(joined, room));
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
			Set<String> rest = minus(members, socketId);
			return rest.isEmpty() ? null : rest;
		});
	}

	/** @return the set with one more id: the same set changed when it is a concurrent one, else a new one */
	private static Set<String> plus(Set<String> set, String id) {
		if (set instanceof KeySetView<?, ?>) {
			set.add(id);
			return set;
		}
		if (set.contains(id)) {
			return set;
		}
		if (set.size() < SMALL) {
			String[] ids = set.toArray(new String[set.size() + 1]);
			ids[ids.length - 1] = id;
			return Set.of(ids);
		}
		Set<String> live = ConcurrentHashMap.newKeySet(set.size() * 2);
		live.addAll(set);
		live.add(id);
		return live;
	}

	/** @return the set without an id: the same set changed when it is a concurrent one, else a new one */
	private static Set<String> minus(Set<String> set, String id) {
		if (set instanceof KeySetView<?, ?>) {
			set.remove(id);
			return set;
		}
		if (!set.contains(id)) {
			return set;
		}
		String[] ids = new String[set.size() - 1];
		int next = 0;
		for (String member : set) {
			if (!member.equals(id)) {
				ids[next++] = member;
			}
		}
		return Set.of(ids);
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
	 * any excluded room, each once. The common cases return live views rather than copies: one room or the whole
	 * namespace, with no exclusion or with one excluded room of a single member, such as the sender's own room for
	 * {@code socket.to(room)} and {@code socket.broadcast()}.
	 */
	Collection<String> select(BroadcastOptions options) {
		Set<String> rooms = options.rooms();
		Set<String> except = options.except();
		if (rooms.size() <= 1 && except.size() <= 1) {
			Collection<String> targeted = rooms.isEmpty() ? this.sids.keySet() : membersOf(rooms.iterator().next());
			if (except.isEmpty()) {
				return targeted;
			}
			String exceptRoom = except.iterator().next();
			Set<String> excluded = this.rooms.get(exceptRoom);
			if (excluded == null || excluded.isEmpty()) {
				return targeted;
			}
			if (excluded.size() == 1 && excluded.contains(exceptRoom)) {
				// a socket's own room, named after it: no copy of either set
				return new AllBut(targeted, exceptRoom);
			}
		}
		Set<String> excluded = members(except);
		if (rooms.isEmpty()) {
			Set<String> selected = new LinkedHashSet<>();
			for (String id : this.sids.keySet()) {
				if (!excluded.contains(id)) {
					selected.add(id);
				}
			}
			return selected;
		}
		Set<String> selected = new LinkedHashSet<>();
		for (String room : rooms) {
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

	private Set<String> membersOf(String room) {
		Set<String> members = this.rooms.get(room);
		return (members != null) ? members : Set.of();
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

	/** A live view of a selection without one socket. */
	private static final class AllBut extends AbstractCollection<String> {

		private final Collection<String> selection;

		private final String excluded;

		AllBut(Collection<String> selection, String excluded) {
			this.selection = selection;
			this.excluded = excluded;
		}

		@Override
		public Iterator<String> iterator() {
			Iterator<String> all = this.selection.iterator();
			return new Iterator<>() {

				private @Nullable String next = advance();

				private @Nullable String advance() {
					while (all.hasNext()) {
						String id = all.next();
						if (!id.equals(AllBut.this.excluded)) {
							return id;
						}
					}
					return null;
				}

				@Override
				public boolean hasNext() {
					return this.next != null;
				}

				@Override
				public String next() {
					String id = this.next;
					if (id == null) {
						throw new NoSuchElementException();
					}
					this.next = advance();
					return id;
				}

			};
		}

		@Override
		public int size() {
			int size = this.selection.size();
			return this.selection.contains(this.excluded) ? size - 1 : size;
		}

		@Override
		public boolean contains(Object id) {
			return !this.excluded.equals(id) && this.selection.contains(id);
		}

	}

}
