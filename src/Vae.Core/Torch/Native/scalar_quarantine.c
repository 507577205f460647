/*
 * Deferred release of TorchSharp Scalars (docs/reliability.md, "A TorchSharp lifetime race").
 *
 * TorchSharp 0.107 converts .NET numbers to finalizable Scalar objects and passes only their native handles to libtorch,
 * so a garbage collection that runs while a call is inside libtorch can finalize a Scalar the call is still reading.
 * Loaded in front of libLibTorchSharp.so (which it names as NEEDED, so every other export resolves there), this library
 * defines THSTorch_dispose_scalar: a disposed Scalar is held for at least one second, or until 2^18 newer ones are
 * held, before libLibTorchSharp.so releases it. A native call would have to stall that long between receiving the handle
 * and reading it for the early finalization to matter.
 */
#include <pthread.h>
#include <stdint.h>
#include <time.h>

typedef void (*dispose_fn)(void *);

enum { CAPACITY = 1 << 18 };
static const int64_t HOLD_NS = 1000000000;

static struct entry { void *scalar; int64_t since_ns; } ring[CAPACITY];
static size_t head, count; /* the oldest entry is ring[head] */
static uint64_t held_total, released_total;
static dispose_fn release;
static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;

static int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* Called once, before the first Scalar is disposed, with libLibTorchSharp.so's own THSTorch_dispose_scalar. */
void vae_scalar_quarantine_init(dispose_fn real_dispose)
{
    pthread_mutex_lock(&gate);
    release = real_dispose;
    pthread_mutex_unlock(&gate);
}

void THSTorch_dispose_scalar(void *scalar)
{
    int64_t now = now_ns();
    pthread_mutex_lock(&gate);
    if (release != 0) {
        while (count > 0 && (count == CAPACITY || now - ring[head].since_ns >= HOLD_NS)) {
            release(ring[head].scalar);
            head = (head + 1) % CAPACITY;
            count--;
            released_total++;
        }
        ring[(head + count) % CAPACITY] = (struct entry){ scalar, now };
        count++;
        held_total++;
    }
    pthread_mutex_unlock(&gate);
}

/* [held in total, released in total, held now]. */
void vae_scalar_quarantine_counts(uint64_t *out)
{
    pthread_mutex_lock(&gate);
    out[0] = held_total;
    out[1] = released_total;
    out[2] = count;
    pthread_mutex_unlock(&gate);
}
