// The demo web app: a client of Switchboard's public APIs only, as a React Native or web app would be.
//   conversation-manager: GET /me, /me/conversations, /me/tasks, /conversations/{key}/messages, /messages/{sid}/media/{i}
//   message-sender:       POST /conversations/{sid}/messages
//   realtime-gateway:     POST /v1/stream/tickets, then GET /v1/stream?ticket=…&lastEventId=… (EventSource)
// GET /demo/config tells where the first two are and, on a local suite, the demo users' tokens.
// The session lives in sessionStorage: each tab signs in on its own (alice in one, bob in another), a reload keeps it.

const EVENT_NAMES = ['message.added', 'message.updated', 'message.removed', 'message.status', 'task.completed',
  'reset', 'resumed'];
const $ = id => document.getElementById(id);

const app = {
  config: {conversation_manager_url: '', message_sender_url: '', sessions: []},
  token: null,
  me: null,
  conversations: [],
  selected: null,        // conversation_key
  messages: new Map(),   // message_sid -> ClientMessage, for the selected conversation
  applied: new Set(),    // ids of the events folded into messages (history and stream overlap)
  pending: null,         // live events for the selected conversation while its history loads
  tasksBySid: new Map(), // message_sid -> ClientTask completed by that photo
  source: null,
  reconnectTimer: null,
  offline: false,
  stopped: true,
};

class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : 'HTTP ' + status);
    this.status = status;
    this.problem = problem;
  }
}

async function api(base, path, options = {}) {
  const headers = Object.assign({Authorization: 'Bearer ' + app.token}, options.headers || {});
  if (options.body) headers['Content-Type'] = 'application/json';
  const answer = await fetch(base + path, Object.assign({}, options, {headers}));
  const text = await answer.text();
  const body = text ? JSON.parse(text) : null;
  if (!answer.ok) throw new ApiError(answer.status, body);
  return body;
}
const manager = (path, options) => api(app.config.conversation_manager_url, path, options);
const sender = (path, options) => api(app.config.message_sender_url, path, options);

// --- signing in -------------------------------------------------------------------------------------------------

async function start() {
  $('signin-token').onclick = () => signIn($('token').value.trim());
  $('signout').onclick = signOut;
  $('drop').onclick = toggleOffline;
  $('composer').onsubmit = event => { event.preventDefault(); send(); };
  app.config = await (await fetch('demo/config')).json();
  $('signin-token').disabled = false; // disabled until the page knows where the APIs are
  const users = $('demo-users');
  app.config.sessions.forEach(session => {
    const button = document.createElement('button');
    button.dataset.user = session.name;
    button.textContent = 'Sign in as ' + session.name;
    button.onclick = () => signIn(session.token);
    users.append(button);
  });
  if (app.config.sessions.length === 0) {
    users.textContent = 'No demo users here (they exist only on a local suite started by ./switchboard up).';
  }
  const saved = sessionStorage.getItem('sb.token');
  if (saved) await signIn(saved);
}

async function signIn(token) {
  app.token = token;
  try {
    app.me = await manager('/me');
  } catch (e) {
    app.token = null;
    $('signin-error').textContent = 'Sign-in refused: ' + e.message;
    return;
  }
  sessionStorage.setItem('sb.token', token);
  $('signin-error').textContent = '';
  $('signin').hidden = true;
  ['app', 'whoami', 'connection', 'drop', 'signout'].forEach(id => $(id).hidden = false);
  showMe();
  await Promise.all([loadConversations(), loadTasks()]);
  const last = sessionStorage.getItem('sb.conversation');
  const first = app.conversations.find(c => c.conversation_key === last) || app.conversations[0];
  if (first) await select(first.conversation_key);
  app.stopped = false;
  connect();
}

function signOut() {
  app.stopped = true;
  if (app.source) app.source.close();
  ['sb.token', 'sb.conversation', 'sb.lastEventId'].forEach(key => sessionStorage.removeItem(key));
  location.reload();
}

function showMe() {
  const me = app.me;
  $('whoami').textContent = `${me.username}` + (me.phone_number ? ` · ${me.phone_number}` : '') +
    ` · ${me.points} points`;
}

// --- conversations, tasks, history ------------------------------------------------------------------------------

async function loadConversations() {
  app.conversations = (await manager('/me/conversations')).conversations;
  renderConversations();
}

function conversationTitle(c) {
  return c.kind === 'gig' ? `Gig chat · ${c.gig_id}` : `${c.channel === 'whatsapp' ? 'WhatsApp' : 'SMS'} · ${c.counterpart}`;
}

function renderConversations() {
  const list = $('conversations');
  list.replaceChildren(...app.conversations.map(c => {
    const item = document.createElement('li');
    item.dataset.key = c.conversation_key;
    item.dataset.kind = c.kind;
    item.className = c.conversation_key === app.selected ? 'selected' : '';
    item.textContent = conversationTitle(c) + ' ';
    if (c.unread) {
      const badge = document.createElement('span');
      badge.className = 'unread';
      badge.textContent = c.unread;
      item.append(badge);
    }
    const when = document.createElement('small');
    when.textContent = c.last_message_at ? 'last message ' + new Date(c.last_message_at).toLocaleString() : 'no messages yet';
    item.append(when);
    item.onclick = () => select(c.conversation_key);
    return item;
  }));
}

async function loadTasks() {
  const tasks = await manager('/me/tasks?status=active');
  $('tasks').replaceChildren(...(tasks.length ? tasks : [null]).map(task => {
    const item = document.createElement('li');
    if (!task) {
      item.textContent = 'none';
      return item;
    }
    item.dataset.taskId = task.id;
    item.textContent = `${task.description} `;
    const points = document.createElement('small');
    points.textContent = `${task.points} points · send a photo to complete it`;
    item.append(points);
    return item;
  }));
}

async function select(key) {
  app.selected = key;
  sessionStorage.setItem('sb.conversation', key);
  app.messages = new Map();
  const conversation = app.conversations.find(c => c.conversation_key === key);
  if (conversation) conversation.unread = 0;
  renderConversations();
  $('thread-title').textContent = conversation ? conversationTitle(conversation) : key;
  const canSend = conversation && conversation.kind === 'gig';
  $('composer').hidden = !canSend;
  $('composer-note').hidden = !!canSend;
  $('compose-error').textContent = '';
  app.applied = new Set();
  // Live events for this conversation wait until its history is folded: applied before it, a status whose message
  // the history has not brought yet would be lost.
  const pending = app.pending = [];
  try {
    // History, page by page: the same ClientEvents the stream sends, in log order.
    let after = '';
    for (;;) {
      const page = await manager(`/conversations/${encodeURIComponent(key)}/messages?limit=100` +
        (after ? '&after=' + encodeURIComponent(after) : ''));
      if (app.selected !== key) return;
      page.events.forEach(fold);
      if (!page.has_more || !page.next_cursor) break;
      after = page.next_cursor;
    }
  } catch (e) {
    log('history', `${key}: ${e.message}`); // what was read is shown, and the stream goes on
  } finally {
    if (app.pending === pending) {
      app.pending = null;
      pending.forEach(fold); // those the history already had are skipped by id
      renderMessages();
    }
  }
}

// Twilio's status ranking (conversation-manager's message_status_rank): a status never goes back.
const STATUS_RANK = {accepted: 1, scheduled: 1, queued: 2, sending: 3, receiving: 3, sent: 4, received: 5,
  delivered: 5, partially_delivered: 5, read: 6, undelivered: 7, failed: 7, canceled: 7};
const later = (known, status) => (STATUS_RANK[status] || 0) > (STATUS_RANK[known] || 0) ? status : known;

/**
 * Applies one ClientEvent to the selected conversation's messages, whatever order a message's events come in: a status
 * or an edit that arrives before its message.added (Twilio's status callback can beat Switchboard's announcement of
 * a message it sent) is kept and applied when the add comes; only added messages are shown (docs/api.md).
 */
function fold(event) {
  const m = event.message;
  if (!m || !m.message_sid || app.applied.has(event.id)) return; // conversation.… events carry no message
  app.applied.add(event.id);
  const known = app.messages.get(m.message_sid) || {message_sid: m.message_sid, added: false};
  if (event.type === 'message.added') {
    const edited = known.updated_at ? {body: known.body, updated_at: known.updated_at} : {};
    app.messages.set(m.message_sid, Object.assign({}, m, edited, {
      added: true, status: later(m.status, known.status), removed_at: known.removed_at || m.removed_at}));
    return;
  }
  app.messages.set(m.message_sid, known);
  if (event.type === 'message.status') {
    const status = later(known.status, m.status);
    if (status !== known.status) Object.assign(known, {status, error_code: m.error_code});
  } else if (event.type === 'message.updated') {
    known.body = m.body;
    known.updated_at = m.updated_at;
  } else if (event.type === 'message.removed') {
    known.removed_at = m.removed_at || new Date().toISOString();
  }
}

function isMine(m) {
  const me = app.me;
  return (me.chat_identity && m.author === me.chat_identity) ||
    (me.phone_number && (m.from_number || '').replace('whatsapp:', '') === me.phone_number);
}

function renderMessages() {
  const list = $('messages');
  list.replaceChildren(...[...app.messages.values()].filter(m => m.added).map(m => {
    const item = document.createElement('li');
    item.className = 'message' + (isMine(m) ? ' mine' : '') + (m.removed_at ? ' removed' : '');
    item.dataset.sid = m.message_sid;
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = `${m.author || m.from_number || '?'} · ${m.created_at ? new Date(m.created_at).toLocaleTimeString() : ''} `;
    if (m.direction === 'outbound' || m.status !== 'received') {
      const status = document.createElement('span');
      status.className = 'status ' + (m.status || '');
      status.textContent = m.status || '';
      meta.append(status);
    }
    const body = document.createElement('div');
    body.className = 'body';
    body.textContent = m.body || '';
    item.append(meta, body);
    (m.media_items || []).forEach(media => item.append(image(m, media)));
    const task = app.tasksBySid.get(m.message_sid);
    if (task) {
      const badge = document.createElement('span');
      badge.className = 'task-badge';
      badge.textContent = `✓ task ${task.task_id} done: +${task.points_awarded} points`;
      item.append(badge);
    }
    return item;
  }));
  list.scrollTop = list.scrollHeight;
}

/** An attachment: fetched with the bearer token (its URL is Switchboard's), retried while it is being stored. */
function image(m, media) {
  const img = document.createElement('img');
  img.alt = media.filename || media.content_type || 'attachment';
  (async () => {
    for (let attempt = 0; attempt < 15; attempt++) {
      const answer = await fetch(app.config.conversation_manager_url + media.url,
        {headers: {Authorization: 'Bearer ' + app.token}});
      if (answer.ok) {
        img.src = URL.createObjectURL(await answer.blob());
        return;
      }
      if (answer.status !== 404) return;
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  })();
  return img;
}

// --- sending ----------------------------------------------------------------------------------------------------

async function send() {
  const input = $('compose-body');
  const body = input.value.trim();
  if (!body || !app.selected) return;
  $('send').disabled = true;
  try {
    // One key per message typed: a retry of this request is never a second message.
    const outbound = await sender(`/conversations/${encodeURIComponent(app.selected)}/messages`, {
      method: 'POST', body: JSON.stringify({body}), headers: {'Idempotency-Key': newKey()}});
    input.value = '';
    $('compose-error').textContent = '';
    log('sent', `outbound ${outbound.id}: ${outbound.state}`);
  } catch (e) {
    $('compose-error').textContent = 'Not sent: ' + e.message;
  } finally {
    $('send').disabled = false;
  }
}

function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : Date.now() + '-' + Math.random().toString(16).slice(2);
}

// --- the live stream --------------------------------------------------------------------------------------------

function setConnection(state, text) {
  $('connection').className = 'state-' + state;
  $('connection-state').textContent = text;
}

async function connect() {
  clearTimeout(app.reconnectTimer);
  if (app.stopped || app.offline) return;
  if (app.source) app.source.close();
  setConnection('connecting', 'connecting…');
  let ticket;
  try {
    ticket = (await api('', '/v1/stream/tickets', {method: 'POST'})).ticket;
  } catch (e) {
    if (e.status === 401 || e.status === 403) {
      setConnection('off', 'refused: ' + e.message);
      return;
    }
    return reconnectIn(2000, 'no ticket: ' + e.message);
  }
  const cursor = sessionStorage.getItem('sb.lastEventId');
  const source = new EventSource('/v1/stream?ticket=' + encodeURIComponent(ticket) +
    (cursor ? '&lastEventId=' + encodeURIComponent(cursor) : ''));
  app.source = source;
  source.onopen = () => { if (!cursor) setConnection('live', 'live'); };
  // A ticket is single use, so the browser's own retry would be refused: fetch a new ticket and resume instead.
  source.onerror = () => { source.close(); reconnectIn(2000, 'reconnecting…'); };
  EVENT_NAMES.forEach(name => source.addEventListener(name, event => onEvent(name, event)));
}

function reconnectIn(millis, text) {
  setConnection('reconnecting', text);
  clearTimeout(app.reconnectTimer);
  app.reconnectTimer = setTimeout(connect, millis);
}

/**
 * Goes offline as a dropped network would (the stream is closed), and back online: the page then resumes from its
 * last event id, and the stream says how many missed events it caught up.
 */
function toggleOffline() {
  app.offline = !app.offline;
  $('drop').textContent = app.offline ? 'Go online' : 'Go offline';
  if (app.offline) {
    clearTimeout(app.reconnectTimer);
    if (app.source) app.source.close();
    setConnection('off', 'offline');
    log('offline', 'stream closed by you');
  } else {
    connect();
  }
}

function onEvent(name, event) {
  const data = JSON.parse(event.data);
  if (name === 'reset') {
    // The cursor is unknown (too old, or someone else's): start over from history; the stream carries on live.
    sessionStorage.removeItem('sb.lastEventId');
    setConnection('live', 'live (history reloaded)');
    log(name, describe(name, data));
    loadConversations().then(() => app.selected && select(app.selected));
    return;
  }
  if (name === 'resumed') {
    $('resume-info').textContent = `· resumed: ${data.replayed} missed event${data.replayed === 1 ? '' : 's'} caught up`;
    setConnection('live', 'live');
    log(name, `${data.replayed} missed event${data.replayed === 1 ? '' : 's'} caught up`);
    return;
  }
  if (event.lastEventId) sessionStorage.setItem('sb.lastEventId', event.lastEventId);
  log(name, describe(name, data));
  if (name === 'task.completed') return onTask(data.task);
  const m = data.message;
  if (!m) return;
  if (m.conversation_key === app.selected) {
    if (app.pending) {
      app.pending.push(data);
    } else {
      fold(data);
      renderMessages();
    }
  } else if (name === 'message.added') {
    const conversation = app.conversations.find(c => c.conversation_key === m.conversation_key);
    if (conversation) {
      conversation.unread = (conversation.unread || 0) + 1;
      renderConversations();
    }
  }
  if (name === 'message.added') {
    // A new conversation, or a new latest message: the list's order and times come from the API.
    const unread = new Map(app.conversations.map(c => [c.conversation_key, c.unread]));
    loadConversations().then(() => {
      app.conversations.forEach(c => c.unread = unread.get(c.conversation_key) || 0);
      renderConversations();
    });
  }
}

function onTask(task) {
  app.tasksBySid.set(task.message_sid, task);
  app.me.points = task.total_points;
  showMe();
  loadTasks();
  if (app.messages.has(task.message_sid)) renderMessages();
}

function log(name, text) {
  const item = document.createElement('li');
  item.className = name.replace('.', '-') + (name === 'reset' || name === 'resumed' ? ' ' + name : '');
  item.dataset.type = name;
  const title = document.createElement('b');
  title.textContent = name + ' ';
  const when = document.createElement('small');
  when.textContent = new Date().toLocaleTimeString() + ' ';
  const detail = document.createElement('span');
  detail.textContent = text;
  item.append(when, title, detail);
  $('activity').prepend(item);
}

start();
