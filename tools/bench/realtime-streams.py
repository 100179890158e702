#!/usr/bin/env python3
"""Realtime gateway against a running local suite (./switchboard up --detach): N authenticated SSE streams held open
on one gateway, then M signed webhooks to one user, timed from the POST to webhook-ingest until the event is read on
that user's stream. Prints stream errors, delivery p50/p99/max, events leaked to other users, and the gateway's RSS.

  python3 tools/bench/realtime-streams.py --streams 2000 --messages 200 --rate 20
Settings default to ./switchboard up's local values; override with the same environment variables."""
import argparse, asyncio, base64, hashlib, hmac, json, os, random, statistics, time, urllib.parse, urllib.request

ENV = os.environ
JWT_SECRET = ENV.get("SWITCHBOARD_JWT_SECRET", "local-dev-jwt-secret-change-me-0123456789")
AUTH_TOKEN = ENV.get("TWILIO_AUTH_TOKEN", "local-dev-auth-token")
ACCOUNT = ENV.get("TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000")
MANAGER = "http://127.0.0.1:" + ENV.get("CONVERSATION_MANAGER_PORT", "8082")
INGEST = "http://127.0.0.1:" + ENV.get("WEBHOOK_INGEST_PORT", "8081")
GATEWAY_PORT = int(ENV.get("REALTIME_GATEWAY_PORT", "8084"))


def b64(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jwt(sub, role="authenticated"):
    now = int(time.time())
    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64(json.dumps({"sub": sub, "role": role, "aud": "authenticated", "iat": now, "exp": now + 3600}).encode())
    sig = b64(hmac.new(JWT_SECRET.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest())
    return f"{head}.{body}.{sig}"


def post_json(url, payload, token):
    request = urllib.request.Request(url, json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
    with urllib.request.urlopen(request) as answer:
        return json.loads(answer.read())


RUN = random.randint(0, 999)


def new_user(index):
    phone = "+1557%03d%04d" % (RUN, index)  # unique within a run; a repeated number is (rightly) refused
    return post_json(MANAGER + "/users", {"username": f"bench{index}", "phone_number": phone}, jwt("bench", "service_role"))


class Stream:
    def __init__(self, user_id):
        self.user_id, self.events, self.error = user_id, {}, None

    async def run(self, opened):
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", GATEWAY_PORT)
            writer.write((f"GET /v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                          f"Authorization: Bearer {jwt(str(self.user_id))}\r\n\r\n").encode())
            await writer.drain()
            status = (await reader.readline()).decode()
            if " 200 " not in status:
                self.error = status.strip()
                return
            opened.release()
            while line := await reader.readline():
                text = line.decode(errors="replace")
                if text.startswith("data:"):
                    sid = (json.loads(text[5:]).get("message") or {}).get("message_sid")  # data: a ClientEvent
                    if sid:
                        self.events.setdefault(sid, time.perf_counter())
            self.error = "closed by the gateway"
        except Exception as failure:  # a refused or reset stream is a result, not a crash of the benchmark
            self.error = repr(failure)
            opened.release()


def signed_sms(sid, from_phone, to_phone):
    url = INGEST + "/webhooks/twilio/messaging"
    params = {"MessageSid": sid, "SmsSid": sid, "AccountSid": ACCOUNT, "From": from_phone, "To": to_phone,
              "Body": "bench", "NumMedia": "0"}
    signed = url + "".join(k + v for k, v in sorted(params.items()))
    signature = base64.b64encode(hmac.new(AUTH_TOKEN.encode(), signed.encode(), hashlib.sha1).digest()).decode()
    return urllib.request.Request(url, urllib.parse.urlencode(params).encode(), method="POST",
                                  headers={"X-Twilio-Signature": signature,
                                           "Content-Type": "application/x-www-form-urlencoded"})


def rss_kb():
    with open("target/local-stack/realtime-gateway.pid") as pid_file:
        with open(f"/proc/{pid_file.read().strip()}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))


async def main(args):
    loop = asyncio.get_running_loop()
    users = await asyncio.gather(*(loop.run_in_executor(None, new_user, i) for i in range(args.streams)))
    rss_before = rss_kb()
    streams = [Stream(user["id"]) for user in users]
    opened = asyncio.Semaphore(0)
    tasks = [asyncio.create_task(stream.run(opened)) for stream in streams]
    for _ in streams:
        await asyncio.wait_for(opened.acquire(), 60)
    await asyncio.sleep(2)
    rss_open = rss_kb()
    target = users[0]
    sent = {}
    for i in range(args.messages):
        sid = "SM%032x" % random.getrandbits(128)
        request = signed_sms(sid, "+15005550099", target["phone_number"])
        sent[sid] = time.perf_counter()
        await loop.run_in_executor(None, urllib.request.urlopen, request)
        await asyncio.sleep(1 / args.rate)
    await asyncio.sleep(3)
    latencies = sorted((streams[0].events[sid] - t0) * 1000 for sid, t0 in sent.items() if sid in streams[0].events)
    leaked = sum(1 for stream in streams[1:] for sid in stream.events if sid in sent)
    errors = [stream.error for stream in streams if stream.error]
    for task in tasks:
        task.cancel()
    print(f"streams: {args.streams} opened, {len(errors)} errors {errors[:3]}")
    print(f"delivered to the addressee: {len(latencies)}/{args.messages} at {args.rate}/s; latency webhook POST -> SSE "
          f"p50 {statistics.median(latencies):.1f} ms, p99 {latencies[int(len(latencies) * 0.99) - 1]:.1f} ms, "
          f"max {latencies[-1]:.1f} ms")
    print(f"events leaked to the {args.streams - 1} other users: {leaked}")
    print(f"gateway RSS: {rss_before / 1024:.0f} MB before, {rss_open / 1024:.0f} MB with {args.streams} streams "
          f"({(rss_open - rss_before) / args.streams:.1f} KB per stream)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--streams", type=int, default=2000)
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--rate", type=float, default=20)
    asyncio.run(main(parser.parse_args()))
