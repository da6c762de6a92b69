package io.github.springsocketio.adapter;

import java.util.Collection;
import java.util.Set;

import io.github.springsocketio.server.BroadcastFlags;
import io.github.springsocketio.server.BroadcastOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rooms index of one node: which sockets are in which rooms, both ways; empty rooms disappear; a selection is the
 * members of any targeted room (everyone when none) minus the members of any excluded room, each once.
 */
class RoomIndexTests {

	private final RoomIndex index = new RoomIndex();

	@Test
	void aSocketIsInTheRoomsItJoinedAndEachRoomKnowsItsMembers() {
		this.index.addAll("a", Set.of("a", "room1"));
		this.index.addAll("b", Set.of("b", "room1"));

		assertThat(this.index.socketRooms("a")).containsExactlyInAnyOrder("a", "room1");
		assertThat(this.index.rooms()).containsExactlyInAnyOrder("a", "b", "room1");
		assertThat(this.index.roomSize("room1")).isEqualTo(2);
		assertThat(this.index.socketCount()).isEqualTo(2);
	}

	@Test
	void aRoomGrowingPastAFewMembersAndShrinkingAgainKeepsExactlyItsMembers() {
		for (int i = 0; i < 20; i++) {
			this.index.addAll("s" + i, Set.of("big"));
		}
		this.index.addAll("s0", Set.of("big"));
		assertThat(this.index.roomSize("big")).isEqualTo(20);
		for (int i = 0; i < 19; i++) {
			this.index.del("s" + i, "big");
		}
		assertThat(this.index.select(options(Set.of("big"), Set.of()))).containsExactly("s19");

		this.index.del("s19", "big");
		assertThat(this.index.rooms()).doesNotContain("big");
		assertThat(this.index.socketCount()).isEqualTo(20);
	}

	@Test
	void aSocketJoiningManyRoomsOneByOneIsInEachUntilItLeaves() {
		for (int i = 0; i < 20; i++) {
			this.index.addAll("a", Set.of("room" + i));
		}
		assertThat(this.index.socketRooms("a")).hasSize(20).contains("room0", "room19");

		this.index.del("a", "room7");
		assertThat(this.index.socketRooms("a")).hasSize(19).doesNotContain("room7");
		assertThat(this.index.roomSize("room7")).isZero();
		this.index.delAll("a");
		assertThat(this.index.rooms()).isEmpty();
	}

	@Test
	void anUnknownSocketHasNoRoomAndAnUnknownRoomNoMember() {
		assertThat(this.index.socketRooms("nobody")).isEmpty();
		assertThat(this.index.roomSize("nowhere")).isZero();
	}

	@Test
	void leavingTheLastMemberMakesTheRoomDisappear() {
		this.index.addAll("a", Set.of("room1", "room2"));

		this.index.del("a", "room1");

		assertThat(this.index.socketRooms("a")).containsExactly("room2");
		assertThat(this.index.rooms()).containsExactly("room2");
	}

	@Test
	void removingASocketFromAllItsRoomsForgetsIt() {
		this.index.addAll("a", Set.of("a", "room1"));
		this.index.addAll("b", Set.of("b", "room1"));

		this.index.delAll("a");

		assertThat(this.index.socketCount()).isEqualTo(1);
		assertThat(this.index.rooms()).containsExactlyInAnyOrder("b", "room1");
		assertThat(this.index.roomSize("room1")).isEqualTo(1);
	}

	@Test
	void theRoomsReturnedAreASnapshotNotALiveView() {
		this.index.addAll("a", Set.of("room1"));
		Set<String> rooms = this.index.socketRooms("a");

		this.index.addAll("a", Set.of("room2"));

		assertThat(rooms).containsExactly("room1");
	}

	@Test
	void noTargetedRoomSelectsEverySocket() {
		join();

		assertThat(this.index.select(BroadcastOptions.ALL)).containsExactlyInAnyOrder("a", "b", "c");
	}

	@Test
	void targetedRoomsSelectTheirMembersOnceEach() {
		join();

		assertThat(this.index.select(options(Set.of("room1", "room2"), Set.of()))).containsExactlyInAnyOrder("a", "b",
				"c");
		assertThat(this.index.select(options(Set.of("room2"), Set.of()))).containsExactlyInAnyOrder("b", "c");
	}

	@Test
	void excludedRoomsRemoveTheirMembersFromTheSelection() {
		join();

		assertThat(this.index.select(options(Set.of(), Set.of("room1")))).containsExactly("c");
		assertThat(this.index.select(options(Set.of("room2"), Set.of("room1")))).containsExactly("c");
	}

	@Test
	void aRoomOrTheNamespaceMinusTheSendersOwnRoomIsAViewWithoutTheSender() {
		join();
		Collection<String> roomButB = this.index.select(options(Set.of("room1"), Set.of("b")));
		Collection<String> allButB = this.index.select(options(Set.of(), Set.of("b")));

		assertThat(roomButB).containsExactly("a").hasSize(1).doesNotContain("b");
		assertThat(allButB).containsExactlyInAnyOrder("a", "c").hasSize(2);

		// views, not copies: nothing was copied for the emit; the namespace view shows later joins, a small room's view
		// is the room's set of that moment (replaced whole on each change)
		this.index.addAll("d", Set.of("d", "room1"));
		assertThat(roomButB).containsExactly("a");
		assertThat(allButB).containsExactlyInAnyOrder("a", "c", "d");
	}

	@Test
	void anExcludedRoomWithMoreMembersOrNoneStillSelectsExactly() {
		join();
		this.index.addAll("c", Set.of("b")); // c joins b's own room

		assertThat(this.index.select(options(Set.of("room2"), Set.of("b")))).isEmpty();
		assertThat(this.index.select(options(Set.of("room1"), Set.of("nobody")))).containsExactlyInAnyOrder("a", "b");
		assertThat(this.index.select(options(Set.of("room1"), Set.of("c")))).containsExactlyInAnyOrder("a", "b");
	}

	@Test
	void aTargetedRoomWithoutMembersSelectsNobody() {
		join();

		assertThat(this.index.select(options(Set.of("empty"), Set.of()))).isEmpty();
	}

	/** a in room1; b in room1 and room2; c in room2. */
	private void join() {
		this.index.addAll("a", Set.of("a", "room1"));
		this.index.addAll("b", Set.of("b", "room1", "room2"));
		this.index.addAll("c", Set.of("c", "room2"));
	}

	private static BroadcastOptions options(Set<String> rooms, Set<String> except) {
		return new BroadcastOptions(rooms, except, BroadcastFlags.NONE);
	}

}
