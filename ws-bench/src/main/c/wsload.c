/*
 * wsload: the load harness's native echo client (RFC 6455 client role, text frames, optionally
 * permessage-deflate, RFC 7692).
 *
 * Why C: on a 2-core machine the load generator shares the CPU with the server it measures. The
 * Netty client costs several times more CPU per message than a lean server does, so it starves
 * the server and inflates every server's per-message cost alike, which flattens the ratios the
 * harness exists to show. This client runs on one thread with epoll and does nothing per message
 * beyond masking, one compare and one timestamp.
 *
 * Protocol with the harness (one process per server and connection group):
 *   argv: HOST PORT PATH CONNECTIONS [deflate]   (or --features: prints "deflate <zlib version>" or "plain")
 *          "deflate": offer "permessage-deflate; client_max_window_bits" as browsers do, and fail the
 *          handshake (FAILED) when the server does not accept it (see the deflate section below)
 *   stdout "READY" once every handshake is answered with 101 (or "FAILED <why>" and exit 1)
 *   stdin  "PHASE <inFlight> <warmupMillis> <measureMillis> <payloadFile> <stride>"
 *          payloadFile: u32 count, then per message u32 length + bytes (little-endian);
 *          connection i walks the messages from i * stride; a phase with the same payload file as
 *          the one before continues each connection where it stopped instead (see run_phase)
 *   stdout "MEASURE" when the measured window opens, "END" when it closes, then after the echoes
 *          still in flight have arrived (at most 10 s):
 *          "RESULT <messages> <wrongEchoes> <lostConnections> <p50ns> <p99ns> <p999ns>
 *                  <wireBytes> <messageBytes> <echoes> <compressedEchoes>"
 *          the last four over every echo of the phase (warm-up too): frame payload bytes on the wire,
 *          the same echoes' message bytes (inflated), how many echoes, how many of them compressed;
 *          so a server that negotiates compression but does not compress shows up.
 *   stdin  "QUIT" (or end of input): close every connection and exit.
 *
 * Every echo is compared byte for byte with the message it answers (the oldest in flight: a
 * server echoes in order). Fragmented echoes are reassembled; pings are answered with pongs.
 *
 * permessage-deflate (built with -DHAVE_ZLIB, linked with -lz): each connection keeps its own zlib
 * streams with context takeover unless the server's answer says otherwise. A message is deflated
 * with Z_SYNC_FLUSH at level 1 (the generator's own CPU is not what is measured), the client window
 * the server answered (15 when it named none) and a memory level that suits it (window bits - 6, at
 * most 8: 3 for 9 bits, as our pooled-1kb preset), its trailing 00 00 ff ff
 * stripped, sent in one frame with RSV1 (RFC 7692 §7.2.1). A server message with RSV1 is inflated
 * with the server's window after appending 00 00 ff ff (§7.2.2), then compared as any other echo.
 * zlib cannot deflate with a 256-byte window (it uses 512 instead), so a window of 8 bits is taken
 * as 9 in both directions (§7.1.2.1's caveat), which is what a zlib-based server does too.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#ifdef HAVE_ZLIB
#include <zlib.h>
#endif

#define MAX_MESSAGE (1u << 20)
#define HANDSHAKES_IN_FLIGHT 64
#define GRACE_NANOS 10000000000LL

enum state { CONNECTING, HANDSHAKING, OPEN, CLOSED };

typedef struct {
    uint8_t *data;
    size_t len, cap, off; /* off: bytes already consumed (in) or written (out) */
} buf_t;

typedef struct {
    int fd;
    enum state state;
    buf_t in, out, msg;
    int in_message;       /* a fragmented message is being reassembled in msg */
    uint64_t *sent_at;    /* ring of messages in flight, oldest at head */
    int *sent_index;
    int head, outstanding, next_index;
    int finished;         /* nothing left in flight after the window closed */
    int want_write;
    int msg_compressed;   /* the message being reassembled came with RSV1 */
    size_t msg_wire;      /* its frame payload bytes so far */
#ifdef HAVE_ZLIB
    z_stream *deflater;   /* NULL: permessage-deflate not negotiated */
    z_stream *inflater;
    int reset_deflater;   /* client_no_context_takeover */
    int reset_inflater;   /* server_no_context_takeover */
#endif
} conn_t;

typedef struct {
    uint8_t **data;
    uint32_t *len;
    uint32_t count;
} payloads_t;

static int epfd;
static conn_t *conns;
static int nconns;
static payloads_t payloads;
static uint64_t *samples;
static size_t nsamples, samples_cap;
static uint64_t measure_start, measure_end;
static long wrong_echoes, lost_connections, measured_messages;
static int in_flight, phase_running, sending;
static uint32_t rng = 0x9E3779B9u;
static int offer_deflate;
static long long wire_bytes, message_bytes, echoes, compressed_echoes;
#ifdef HAVE_ZLIB
static buf_t deflated, inflated; /* scratch shared by every connection: one thread */
#endif

static uint64_t now_nanos(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000ull + (uint64_t) ts.tv_nsec;
}

static uint32_t next_random(void) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static void die(const char *what) {
    printf("FAILED %s: %s\n", what, strerror(errno));
    fflush(stdout);
    exit(1);
}

static void reserve(buf_t *b, size_t extra) {
    if (b->len + extra <= b->cap) {
        return;
    }
    if (b->off > 0) { /* slide unconsumed bytes to the front before growing */
        memmove(b->data, b->data + b->off, b->len - b->off);
        b->len -= b->off;
        b->off = 0;
        if (b->len + extra <= b->cap) {
            return;
        }
    }
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra) {
        cap *= 2;
    }
    b->data = realloc(b->data, cap);
    if (!b->data) {
        die("out of memory");
    }
    b->cap = cap;
}

static void watch(conn_t *c, int write) {
    struct epoll_event ev = {.events = EPOLLIN | (write ? EPOLLOUT : 0), .data.ptr = c};
    if (epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev) < 0) {
        die("epoll_ctl");
    }
    c->want_write = write;
}

static void lose(conn_t *c) {
    if (c->state == CLOSED) {
        return;
    }
    c->state = CLOSED;
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
#ifdef HAVE_ZLIB
    if (c->deflater) {
        deflateEnd(c->deflater);
        inflateEnd(c->inflater);
        free(c->deflater);
        free(c->inflater);
        c->deflater = c->inflater = NULL;
    }
#endif
    if (phase_running && !c->finished) {
        lost_connections++;
        c->finished = 1;
    }
}

/* Writes what is queued; on a full socket buffer waits for EPOLLOUT. */
static void flush(conn_t *c) {
    while (c->out.off < c->out.len) {
        ssize_t n = write(c->fd, c->out.data + c->out.off, c->out.len - c->out.off);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                if (!c->want_write) {
                    watch(c, 1);
                }
                return;
            }
            if (errno == EINTR) {
                continue;
            }
            lose(c);
            return;
        }
        c->out.off += (size_t) n;
    }
    c->out.off = c->out.len = 0;
    if (c->want_write) {
        watch(c, 0);
    }
}

/* Queues one masked client frame (RFC 6455 §5.2, §5.3); rsv1 marks a compressed message (RFC 7692 §6). */
static void queue_frame(conn_t *c, int opcode, int rsv1, const uint8_t *payload, size_t len) {
    reserve(&c->out, len + 14);
    uint8_t *p = c->out.data + c->out.len;
    *p++ = (uint8_t) (0x80 | (rsv1 ? 0x40 : 0) | opcode);
    if (len < 126) {
        *p++ = (uint8_t) (0x80 | len);
    } else if (len <= 0xFFFF) {
        *p++ = 0x80 | 126;
        *p++ = (uint8_t) (len >> 8);
        *p++ = (uint8_t) len;
    } else {
        *p++ = 0x80 | 127;
        for (int i = 7; i >= 0; i--) {
            *p++ = (uint8_t) ((uint64_t) len >> (8 * i));
        }
    }
    uint32_t key = next_random();
    uint8_t mask[4] = {(uint8_t) (key >> 24), (uint8_t) (key >> 16), (uint8_t) (key >> 8), (uint8_t) key};
    memcpy(p, mask, 4);
    p += 4;
    for (size_t i = 0; i < len; i++) {
        p[i] = payload[i] ^ mask[i & 3];
    }
    c->out.len = (size_t) (p + len - c->out.data);
}

#ifdef HAVE_ZLIB
/* Deflates one message into `deflated` and queues it as one RSV1 frame (RFC 7692 §7.2.1). */
static void queue_compressed(conn_t *c, const uint8_t *payload, size_t len) {
    z_stream *z = c->deflater;
    deflated.len = 0;
    reserve(&deflated, deflateBound(z, len) + 16);
    z->next_in = (Bytef *) payload;
    z->avail_in = (uInt) len;
    for (;;) {
        z->next_out = deflated.data + deflated.len;
        z->avail_out = (uInt) (deflated.cap - deflated.len);
        if (deflate(z, Z_SYNC_FLUSH) != Z_OK) {
            printf("FAILED deflate: %s\n", z->msg ? z->msg : "error");
            exit(1);
        }
        deflated.len = deflated.cap - z->avail_out;
        if (z->avail_out > 0) {
            break; /* all input taken and flushed */
        }
        reserve(&deflated, deflated.cap); /* doubles */
    }
    /* A sync flush ends with an empty stored block, 00 00 ff ff, which the receiver adds back. */
    if (deflated.len < 4 || memcmp(deflated.data + deflated.len - 4, "\x00\x00\xff\xff", 4) != 0) {
        printf("FAILED deflate output does not end with 00 00 ff ff\n");
        exit(1);
    }
    if (c->reset_deflater) {
        deflateReset(z);
    }
    queue_frame(c, 1, 1, deflated.data, deflated.len - 4);
}

/* Inflates a compressed message (RFC 7692 §7.2.2) into `inflated`; 0 if the stream is corrupt or too large. */
static int inflate_message(conn_t *c, const uint8_t *data, size_t len) {
    static const uint8_t tail[4] = {0x00, 0x00, 0xff, 0xff};
    z_stream *z = c->inflater;
    inflated.len = 0;
    for (int part = 0; part < 2; part++) {
        z->next_in = (Bytef *) (part == 0 ? data : tail);
        z->avail_in = (uInt) (part == 0 ? len : sizeof tail);
        for (;;) {
            reserve(&inflated, 4096);
            z->next_out = inflated.data + inflated.len;
            z->avail_out = (uInt) (inflated.cap - inflated.len);
            int rc = inflate(z, Z_SYNC_FLUSH);
            inflated.len = inflated.cap - z->avail_out;
            if ((rc != Z_OK && rc != Z_BUF_ERROR) || inflated.len > MAX_MESSAGE) {
                return 0;
            }
            if (z->avail_in == 0 && z->avail_out > 0) {
                break;
            }
        }
    }
    if (c->reset_inflater) {
        inflateReset(z);
    }
    return 1;
}
#endif

static void queue_message(conn_t *c, const uint8_t *payload, size_t len) {
#ifdef HAVE_ZLIB
    if (c->deflater) {
        queue_compressed(c, payload, len);
        return;
    }
#endif
    queue_frame(c, 1, 0, payload, len);
}

static void send_next(conn_t *c, uint64_t now) {
    uint32_t index = (uint32_t) c->next_index++ % payloads.count;
    int slot = (c->head + c->outstanding) % in_flight;
    c->sent_at[slot] = now;
    c->sent_index[slot] = (int) index;
    c->outstanding++;
    queue_message(c, payloads.data[index], payloads.len[index]);
}

static void record(uint64_t nanos) {
    if (nsamples == samples_cap) {
        samples_cap = samples_cap ? samples_cap * 2 : 1 << 16;
        samples = realloc(samples, samples_cap * sizeof(uint64_t));
        if (!samples) {
            die("out of memory");
        }
    }
    samples[nsamples++] = nanos;
}

static void on_message(conn_t *c, const uint8_t *data, size_t len, size_t wire, int compressed, uint64_t now) {
    if (phase_running) {
        wire_bytes += (long long) wire;
        message_bytes += (long long) len;
        echoes++;
        compressed_echoes += compressed;
    }
    if (!phase_running || c->outstanding == 0) {
        wrong_echoes += phase_running;
        return;
    }
    int index = c->sent_index[c->head];
    uint64_t sent = c->sent_at[c->head];
    c->head = (c->head + 1) % in_flight;
    c->outstanding--;
    if (len != payloads.len[index] || memcmp(data, payloads.data[index], len) != 0) {
        wrong_echoes++;
    }
    if (now >= measure_start && now < measure_end) {
        measured_messages++;
        record(now - sent);
    }
    if (sending && now < measure_end) {
        send_next(c, now);
    } else if (c->outstanding == 0 && !c->finished) {
        c->finished = 1;
    }
}

/* Decodes the complete frames in c->in; returns 0 if the connection was lost. */
static int read_frames(conn_t *c, uint64_t now) {
    for (;;) {
        uint8_t *p = c->in.data + c->in.off;
        size_t avail = c->in.len - c->in.off;
        if (avail < 2) {
            break;
        }
        int fin = p[0] & 0x80, opcode = p[0] & 0x0F, rsv1 = p[0] & 0x40;
        if (p[1] & 0x80) { /* a server must not mask (RFC 6455 §5.1) */
            lose(c);
            return 0;
        }
        uint64_t len = p[1] & 0x7F;
        size_t header = 2;
        if (len == 126) {
            if (avail < 4) break;
            len = ((uint64_t) p[2] << 8) | p[3];
            header = 4;
        } else if (len == 127) {
            if (avail < 10) break;
            len = 0;
            for (int i = 0; i < 8; i++) len = (len << 8) | p[2 + i];
            header = 10;
        }
        if (len > MAX_MESSAGE) {
            lose(c);
            return 0;
        }
        if (avail < header + len) {
            reserve(&c->in, header + len - avail);
            break;
        }
        const uint8_t *payload = p + header;
        c->in.off += header + len;
        if (opcode == 9) {
            queue_frame(c, 10, 0, payload, len);
        } else if (opcode == 8) {
            lose(c);
            return 0;
        } else if (opcode == 1 || opcode == 2 || opcode == 0) {
            const uint8_t *message = NULL;
            size_t message_len = 0, wire = 0;
            if (fin && opcode != 0 && !c->in_message) {
                c->msg_compressed = rsv1 != 0;
                message = payload;
                message_len = wire = len;
            } else {
                if (opcode != 0) {
                    c->in_message = 1;
                    c->msg.len = 0;
                    c->msg_compressed = rsv1 != 0;
                }
                reserve(&c->msg, len);
                memcpy(c->msg.data + c->msg.len, payload, len);
                c->msg.len += len;
                if (fin) {
                    c->in_message = 0;
                    message = c->msg.data;
                    message_len = wire = c->msg.len;
                }
            }
            if (message != NULL && c->msg_compressed) {
#ifdef HAVE_ZLIB
                if (c->inflater == NULL || !inflate_message(c, message, message_len)) {
                    wrong_echoes += phase_running;
                    lose(c);
                    return 0;
                }
                message = inflated.data;
                message_len = inflated.len;
#else
                lose(c); /* RSV1 without a negotiated extension (RFC 6455 §5.2) */
                return 0;
#endif
            }
            if (message != NULL) {
                on_message(c, message, message_len, wire, c->msg_compressed, now);
            }
        }
    }
    if (c->in.off == c->in.len) {
        c->in.off = c->in.len = 0;
    }
    return 1;
}

#ifdef HAVE_ZLIB
/* The value of `name` (e.g. "server_max_window_bits=10" or "=\"10\"") in the extension answer, or 0 if absent. */
static int window_parameter(const char *answer, const char *name) {
    const char *at = strstr(answer, name);
    if (!at) return 0;
    at += strlen(name);
    while (*at == ' ' || *at == '=' || *at == '"') at++;
    int bits = atoi(at);
    if (bits < 8 || bits > 15) {
        printf("FAILED %s out of range in: %s\n", name, answer);
        exit(1);
    }
    return bits;
}
#endif

/* Reads the server's Sec-WebSocket-Extensions answer and sets up the connection's zlib streams. */
static void accept_deflate(conn_t *c, const char *head, size_t len) {
    char text[16385];
    if (len >= sizeof text) len = sizeof text - 1;
    for (size_t i = 0; i < len; i++) text[i] = (char) (head[i] >= 'A' && head[i] <= 'Z' ? head[i] + 32 : head[i]);
    text[len] = 0;
    static const char name[] = "\r\nsec-websocket-extensions:";
    char *header = strstr(text, name);
    char *value = header ? header + sizeof name - 1 : NULL;
    char *line_end = value ? strstr(value, "\r\n") : NULL;
    if (line_end) *line_end = 0;
    if (!value || !strstr(value, "permessage-deflate")) {
        printf("FAILED the server did not accept permessage-deflate\n");
        exit(1);
    }
#ifdef HAVE_ZLIB
    int server_bits = window_parameter(value, "server_max_window_bits");
    int client_bits = window_parameter(value, "client_max_window_bits");
    server_bits = server_bits == 0 ? 15 : server_bits < 9 ? 9 : server_bits;
    client_bits = client_bits == 0 ? 15 : client_bits < 9 ? 9 : client_bits;
    c->reset_deflater = strstr(value, "client_no_context_takeover") != NULL;
    c->reset_inflater = strstr(value, "server_no_context_takeover") != NULL;
    c->deflater = calloc(1, sizeof(z_stream));
    c->inflater = calloc(1, sizeof(z_stream));
    if (!c->deflater || !c->inflater) die("out of memory");
    /* The memory level sized to the window: zlib's default 8 gives a 32768-entry hash table, which
     * it rescans each time a 512-byte window slides (every few hundred bytes), so with a small window
     * the generator spent twice the CPU per message (89 instead of 44 µs for deflate + inflate of a
     * 1 KiB message at 9 bits) and paced the servers instead of the other way round. */
    int memory_level = client_bits - 6 > 8 ? 8 : client_bits - 6;
    if (deflateInit2(c->deflater, 1, Z_DEFLATED, -client_bits, memory_level, Z_DEFAULT_STRATEGY) != Z_OK
            || inflateInit2(c->inflater, -server_bits) != Z_OK) {
        printf("FAILED zlib initialisation\n");
        exit(1);
    }
#else
    (void) c;
    printf("FAILED wsload was built without zlib (install zlib1g-dev and rebuild with -DHAVE_ZLIB -lz)\n");
    exit(1);
#endif
}

static int handshake_answered(conn_t *c) {
    uint8_t *end = memmem(c->in.data, c->in.len, "\r\n\r\n", 4);
    if (!end) {
        if (c->in.len > 16384) {
            printf("FAILED handshake answer too long\n");
            exit(1);
        }
        return 0;
    }
    if (c->in.len < 12 || memcmp(c->in.data, "HTTP/1.1 101", 12) != 0) {
        printf("FAILED handshake answered: %.*s\n", (int) (memchr(c->in.data, '\r', c->in.len) ? (uint8_t *) memchr(c->in.data, '\r', c->in.len) - c->in.data : 40), c->in.data);
        exit(1);
    }
    c->in.off = (size_t) (end + 4 - c->in.data); /* bytes after the head are frames */
    if (offer_deflate) {
        accept_deflate(c, (const char *) c->in.data, c->in.off);
    }
    c->state = OPEN;
    return 1;
}

static void base64_key(char out[25]) {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    uint8_t raw[18];
    for (int i = 0; i < 16; i++) raw[i] = (uint8_t) next_random();
    raw[16] = raw[17] = 0;
    for (int i = 0, o = 0; i < 18; i += 3) {
        uint32_t v = ((uint32_t) raw[i] << 16) | ((uint32_t) raw[i + 1] << 8) | raw[i + 2];
        out[o++] = alphabet[(v >> 18) & 63];
        out[o++] = alphabet[(v >> 12) & 63];
        out[o++] = alphabet[(v >> 6) & 63];
        out[o++] = alphabet[v & 63];
    }
    out[22] = out[23] = '=';
    out[24] = 0;
}

static void on_event(conn_t *c, uint32_t events, uint64_t now) {
    if (c->state == CLOSED) {
        return;
    }
    if (c->state == CONNECTING) {
        int err = 0;
        socklen_t len = sizeof err;
        getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err) {
            errno = err;
            die("connect");
        }
        c->state = HANDSHAKING;
        flush(c);
        return;
    }
    if (events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
        for (;;) {
            reserve(&c->in, 16384);
            size_t space = c->in.cap - c->in.len;
            ssize_t n = read(c->fd, c->in.data + c->in.len, space);
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK) break;
                if (errno == EINTR) continue;
                lose(c);
                return;
            }
            if (n == 0) {
                lose(c);
                return;
            }
            c->in.len += (size_t) n;
            if (c->state == HANDSHAKING && !handshake_answered(c)) {
                continue;
            }
            if (!read_frames(c, now)) {
                return;
            }
            if ((size_t) n < space) break; /* drained what the kernel had */
        }
    }
    flush(c); /* one write per read batch, as a pipelining client does */
}

static void open_connections(const char *host, const char *port, const char *path) {
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *addr;
    if (getaddrinfo(host, port, &hints, &addr) != 0) {
        die("getaddrinfo");
    }
    int started = 0, open_count = 0;
    struct epoll_event events[256];
    while (open_count < nconns) {
        while (started < nconns && started - open_count < HANDSHAKES_IN_FLIGHT) {
            conn_t *c = &conns[started++];
            c->fd = socket(addr->ai_family, SOCK_STREAM | SOCK_NONBLOCK, 0);
            if (c->fd < 0) die("socket");
            int one = 1;
            setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            if (connect(c->fd, addr->ai_addr, addr->ai_addrlen) < 0 && errno != EINPROGRESS) die("connect");
            char key[25];
            base64_key(key);
            reserve(&c->out, 512);
            c->out.len = (size_t) snprintf((char *) c->out.data, c->out.cap,
                    "GET %s HTTP/1.1\r\nHost: %s:%s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n%s\r\n", path, host, port, key,
                    offer_deflate ? "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" : "");
            c->state = CONNECTING;
            struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.ptr = c};
            c->want_write = 1;
            if (epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev) < 0) die("epoll_ctl");
        }
        int n = epoll_wait(epfd, events, 256, 60000);
        if (n == 0) {
            printf("FAILED handshakes timed out (%d of %d open)\n", open_count, nconns);
            exit(1);
        }
        for (int i = 0; i < n; i++) {
            conn_t *c = events[i].data.ptr;
            int was_open = c->state == OPEN;
            on_event(c, events[i].events, now_nanos());
            if (c->state == CLOSED) {
                printf("FAILED connection closed during the handshake\n");
                exit(1);
            }
            if (!was_open && c->state == OPEN) open_count++;
        }
    }
    freeaddrinfo(addr);
}

static void load_payloads(const char *file) {
    FILE *f = fopen(file, "rb");
    if (!f) die(file);
    for (uint32_t i = 0; i < payloads.count; i++) free(payloads.data[i]);
    free(payloads.data);
    free(payloads.len);
    if (fread(&payloads.count, 4, 1, f) != 1 || payloads.count == 0) die("payload file");
    payloads.data = calloc(payloads.count, sizeof *payloads.data);
    payloads.len = calloc(payloads.count, sizeof *payloads.len);
    for (uint32_t i = 0; i < payloads.count; i++) {
        if (fread(&payloads.len[i], 4, 1, f) != 1 || payloads.len[i] > MAX_MESSAGE) die("payload file");
        payloads.data[i] = malloc(payloads.len[i] ? payloads.len[i] : 1);
        if (payloads.len[i] && fread(payloads.data[i], payloads.len[i], 1, f) != 1) die("payload file");
    }
    fclose(f);
}

static int compare_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;
    return x < y ? -1 : x > y;
}

/* Nearest-rank percentile, as the Java harness computes it. */
static uint64_t percentile(double p) {
    if (nsamples == 0) return 0;
    long rank = (long) ceil(p / 100.0 * (double) nsamples);
    if (rank < 1) rank = 1;
    if ((size_t) rank > nsamples) rank = (long) nsamples;
    return samples[rank - 1];
}

static char last_payload_file[3800];

static void run_phase(int inflight, long warmup_ms, long measure_ms, const char *file, int stride) {
    /* Phases run back to back on the same connections (warm-up slices, measured rounds) continue each
     * connection's walk through the messages. Restarting at i * stride would resend, within a 32 KiB
     * window, the very messages the last phase just sent, and a compressor with context takeover
     * would find them whole in its history: better ratios and less CPU than real traffic gives. */
    int resume = strcmp(file, last_payload_file) == 0;
    load_payloads(file);
    snprintf(last_payload_file, sizeof last_payload_file, "%s", file);
    in_flight = inflight;
    nsamples = 0;
    wrong_echoes = lost_connections = measured_messages = 0;
    wire_bytes = message_bytes = echoes = compressed_echoes = 0;
    uint64_t start = now_nanos();
    measure_start = start + (uint64_t) warmup_ms * 1000000ull;
    measure_end = measure_start + (uint64_t) measure_ms * 1000000ull;
    phase_running = sending = 1;
    for (int i = 0; i < nconns; i++) {
        conn_t *c = &conns[i];
        c->sent_at = realloc(c->sent_at, (size_t) inflight * sizeof(uint64_t));
        c->sent_index = realloc(c->sent_index, (size_t) inflight * sizeof(int));
        c->head = c->outstanding = 0;
        if (!resume) c->next_index = i * stride;
        c->finished = c->state == CLOSED;
        if (c->state == CLOSED) {
            lost_connections++;
            continue;
        }
        for (int k = 0; k < inflight; k++) send_next(c, start);
        flush(c);
    }
    int measuring = 0;
    struct epoll_event events[512];
    for (;;) {
        uint64_t now = now_nanos();
        if (!measuring && now >= measure_start) {
            puts("MEASURE");
            fflush(stdout);
            measuring = 1;
        }
        if (measuring == 1 && now >= measure_end) {
            puts("END");
            fflush(stdout);
            measuring = 2;
            sending = 0;
            for (int i = 0; i < nconns; i++) {
                if (!conns[i].finished && conns[i].outstanding == 0) conns[i].finished = 1;
            }
        }
        if (measuring == 2) {
            int done = 1;
            for (int i = 0; i < nconns && done; i++) done = conns[i].finished;
            if (done || now >= measure_end + GRACE_NANOS) break;
        }
        uint64_t next = measuring == 0 ? measure_start : measuring == 1 ? measure_end : measure_end + GRACE_NANOS;
        int timeout = next > now ? (int) ((next - now) / 1000000ull) + 1 : 0;
        int n = epoll_wait(epfd, events, 512, timeout);
        now = now_nanos();
        for (int i = 0; i < n; i++) {
            if (events[i].data.ptr != NULL) { /* NULL: standard input, read between phases */
                on_event(events[i].data.ptr, events[i].events, now);
            }
        }
    }
    long unfinished = 0;
    for (int i = 0; i < nconns; i++) unfinished += !conns[i].finished;
    phase_running = 0;
    qsort(samples, nsamples, sizeof(uint64_t), compare_u64);
    printf("RESULT %ld %ld %ld %llu %llu %llu %lld %lld %lld %lld\n", measured_messages, wrong_echoes,
           lost_connections + unfinished, (unsigned long long) percentile(50), (unsigned long long) percentile(99),
           (unsigned long long) percentile(99.9), wire_bytes, message_bytes, echoes, compressed_echoes);
    fflush(stdout);
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "--features") == 0) {
#ifdef HAVE_ZLIB
        printf("deflate %s\n", zlibVersion());
#else
        printf("plain\n");
#endif
        return 0;
    }
    if (argc != 5 && !(argc == 6 && strcmp(argv[5], "deflate") == 0)) {
        fprintf(stderr, "usage: wsload HOST PORT PATH CONNECTIONS [deflate]\n");
        return 2;
    }
    offer_deflate = argc == 6;
    nconns = atoi(argv[4]);
    conns = calloc((size_t) nconns, sizeof *conns);
    epfd = epoll_create1(0);
    if (epfd < 0) die("epoll_create1");
    rng ^= (uint32_t) now_nanos() | 1u;
    open_connections(argv[1], argv[2], argv[3]);
    puts("READY");
    fflush(stdout);
    /* Between phases the connections are still served (pings answered, closes noticed): servers
     * that ping an idle connection and close it when no pong comes would otherwise drop them all
     * while the other servers take their turns. Commands arrive on standard input, watched too. */
    struct epoll_event in_ev = {.events = EPOLLIN, .data.ptr = NULL};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, STDIN_FILENO, &in_ev) < 0) die("epoll_ctl stdin");
    char line[4096];
    size_t line_len = 0;
    int quit = 0;
    struct epoll_event events[512];
    while (!quit) {
        int n = epoll_wait(epfd, events, 512, -1);
        if (n < 0 && errno == EINTR) continue;
        for (int i = 0; i < n && !quit; i++) {
            if (events[i].data.ptr != NULL) {
                on_event(events[i].data.ptr, events[i].events, now_nanos());
                continue;
            }
            ssize_t got = read(STDIN_FILENO, line + line_len, sizeof line - 1 - line_len);
            if (got <= 0) {
                quit = 1; /* end of input */
                break;
            }
            line_len += (size_t) got;
            char *newline;
            while (!quit && (newline = memchr(line, '\n', line_len)) != NULL) {
                *newline = 0;
                int inflight, stride;
                long warmup, measure;
                char file[3800];
                if (sscanf(line, "PHASE %d %ld %ld %3799s %d", &inflight, &warmup, &measure, file, &stride) == 5) {
                    run_phase(inflight, warmup, measure, file, stride);
                } else if (strncmp(line, "QUIT", 4) == 0) {
                    quit = 1;
                }
                size_t used = (size_t) (newline + 1 - line);
                memmove(line, newline + 1, line_len - used);
                line_len -= used;
            }
            if (line_len == sizeof line - 1) line_len = 0; /* an overlong line: drop it */
        }
    }
    for (int i = 0; i < nconns; i++) {
        if (conns[i].state != CLOSED) close(conns[i].fd);
    }
    return 0;
}
