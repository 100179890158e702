// How the demo page tells one stream event: its data is a ClientEvent ({id, type, occurred_at, message | task}), the
// same JSON conversation-manager's history answers. Kept apart from index.html so DemoPageTest can run it on real data.
function describe(name, data) {
  const task = data.task;
  if (task) {
    return `task ${task.task_id} done: +${task.points_awarded} points (total ${task.total_points})`;
  }
  const m = data.message;
  if (!m) {
    return JSON.stringify(data); // reset: {reason, detail}
  }
  if (name === 'message.status') {
    // A status event has no body: show what changed.
    return `${m.message_sid} → ${m.status}` + (m.error_code != null ? ` (error ${m.error_code})` : '');
  }
  if (name === 'message.removed') {
    return `${m.message_sid} removed`;
  }
  const media = m.num_media > 0 ? ` [${m.num_media} attachment${m.num_media > 1 ? 's' : ''}]` : '';
  return `${m.from_number || m.author || '?'} → ${m.to_number || m.conversation_key}: ${m.body ?? ''}${media}`;
}
