// The chat page: one socket on the /chat namespace. The server knows the user from the login session, whose
// cookie the browser sends with the handshake; without one the socket is refused and the page offers to sign in.
(() => {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const state = { name: "", room: "general", recipient: null, typingTimer: null, typing: false, typers: new Set() };

  const socket = io("/chat");

  function setStatus(online) {
    $("status").textContent = online ? "online" : "offline";
    $("status").className = "status " + (online ? "online" : "offline");
    $("composer-input").disabled = !online;
    $("send-button").disabled = !online;
  }

  function time(epochMillis) {
    return new Date(epochMillis).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function scrollDown() {
    const list = $("messages");
    list.scrollTop = list.scrollHeight;
  }

  function addMessage(message, mine) {
    const direct = Boolean(message.to);
    const item = document.createElement("li");
    item.className = "message" + (mine ? " mine" : "") + (direct ? " direct" : "");
    item.dataset.id = message.id || "";
    const meta = document.createElement("div");
    meta.className = "meta";
    const from = mine ? "You" : message.from;
    const to = !direct ? "" : " → " + (message.to === state.name ? "you" : message.to);
    meta.textContent = from + to + " · " + time(message.sentAt || Date.now()) + (direct ? " · direct" : "");
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    bubble.textContent = message.text;
    item.append(meta, bubble);
    if (mine) {
      const tick = document.createElement("div");
      tick.className = "tick pending";
      tick.textContent = "sending…";
      item.append(tick);
    }
    $("messages").append(item);
    scrollDown();
    return item;
  }

  function addSystem(text) {
    const item = document.createElement("li");
    item.className = "system";
    item.textContent = text;
    $("messages").append(item);
    scrollDown();
  }

  function renderRooms(rooms) {
    const list = $("rooms");
    list.replaceChildren(...rooms.map((room) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.room = room;
      button.textContent = "# " + room;
      button.className = room === state.room ? "active" : "";
      button.addEventListener("click", () => join(room));
      item.append(button);
      return item;
    }));
  }

  function userItems(users) {
    return users.map((user) => {
      const item = document.createElement("li");
      item.textContent = user === state.name ? user + " (you)" : user;
      item.dataset.user = user;
      if (user === state.name) item.className = "self";
      return item;
    });
  }

  function renderUsers(users) {
    $("user-count").textContent = String(users.length);
    $("users").replaceChildren(...userItems(users));
  }

  // Everyone signed in, each once however many tabs they have; a click on another user writes to them directly.
  function renderOnline(users) {
    $("online-count").textContent = String(users.length);
    $("online").replaceChildren(...userItems(users).map((item) => {
      if (item.dataset.user !== state.name) {
        item.title = "Send a direct message";
        item.addEventListener("click", () => setRecipient(item.dataset.user));
        if (item.dataset.user === state.recipient) item.classList.add("selected");
      }
      return item;
    }));
  }

  function setRecipient(user) {
    state.recipient = user;
    $("recipient-name").textContent = user || "";
    $("recipient").classList.toggle("hidden", !user);
    $("composer-input").placeholder = user ? "Write to " + user + " only…" : "Write a message…";
    document.querySelectorAll("#online li").forEach((item) =>
      item.classList.toggle("selected", Boolean(user) && item.dataset.user === user));
    $("composer-input").focus();
  }

  function renderTyping() {
    const names = [...state.typers];
    $("typing").textContent = names.length === 0 ? ""
      : names.length === 1 ? names[0] + " is typing…"
      : names.join(", ") + " are typing…";
  }

  async function join(room) {
    const answer = await socket.timeout(5000).emitWithAck("join", { room });
    if (answer.error) {
      addSystem("Could not join #" + room + ": " + answer.error.message);
      return;
    }
    state.room = answer.room;
    state.typers.clear();
    renderTyping();
    $("room-name").textContent = answer.room;
    renderRooms(answer.rooms);
    renderUsers(answer.users);
    $("messages").replaceChildren();
    answer.history.forEach((message) => {
      const item = addMessage(message, message.from === state.name);
      item.querySelector(".tick")?.remove();
    });
    addSystem("You joined #" + answer.room);
  }

  function send(text) {
    const to = state.recipient;
    const item = addMessage({ text, to, sentAt: Date.now() }, true);
    const tick = item.querySelector(".tick");
    const [event, payload] = to ? ["direct message", { to, text }] : ["chat message", { text }];
    socket.timeout(5000).emit(event, payload, (err, ack) => {
      if (err || ack.error) {
        tick.className = "tick failed";
        tick.textContent = "not delivered" + (ack && ack.error ? ": " + ack.error.message : "");
        return;
      }
      item.dataset.id = ack.id;
      tick.className = "tick delivered";
      tick.textContent = "✓ delivered " + time(ack.sentAt);
    });
  }

  function typing(now) {
    if (now !== state.typing) {
      state.typing = now;
      socket.emit("typing", now);
    }
  }

  $("recipient-clear").addEventListener("click", () => setRecipient(null));

  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = $("composer-input");
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    clearTimeout(state.typingTimer);
    typing(false);
    send(text);
  });

  $("composer-input").addEventListener("input", () => {
    if (state.recipient) return; // a direct message is not the room's business
    typing(true);
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(() => typing(false), 1500);
  });

  socket.on("connect", () => {
    $("login").classList.add("hidden");
    setStatus(true);
  });
  // Sent by the server as the socket connects, before anything else: who the session says this is.
  socket.on("welcome", ({ name }) => {
    state.name = name;
    $("me").textContent = name;
    join(state.room);
    $("composer-input").focus();
  });
  // "Authentication required" when the browser has no login session: the server refused the socket.
  socket.on("connect_error", (error) => {
    $("login").classList.remove("hidden");
    $("login-error").textContent = (error.data && error.data.reason) || error.message;
  });
  socket.on("disconnect", () => setStatus(false));
  socket.on("chat message", (message) => {
    state.typers.delete(message.from);
    renderTyping();
    addMessage(message, false);
  });
  socket.on("users", renderUsers);
  socket.on("online", (users) => {
    if (state.recipient && !users.includes(state.recipient)) setRecipient(null);
    renderOnline(users);
  });
  socket.on("direct message", (message) => {
    const item = addMessage(message, message.from === state.name);
    item.querySelector(".tick")?.remove();
  });
  socket.on("user joined", (name) => addSystem(name + " joined"));
  socket.on("user left", (name) => {
    state.typers.delete(name);
    renderTyping();
    addSystem(name + " left");
  });
  socket.on("typing", ({ name, typing: isTyping }) => {
    if (isTyping) state.typers.add(name); else state.typers.delete(name);
    renderTyping();
  });

  renderRooms(["general", "random", "help"]);
  setStatus(false);
})();
