/*
 * cslab.h — the real SLAB allocator of slabcheck (Linux 2.6.9 mm/slab.c, per-CPU refill path),
 * on real memory, driven one model step at a time by a deterministic scheduler.
 *
 * The Swift model (Documentation/Model.md) and this allocator are two independent implementations of the same
 * semantics; counterexample traces from the model are replayed here step by step and the states are
 * compared through cslab_snapshot().
 *
 * Threads. Every task (process context) runs on its own pthread; interrupt handlers, cache_reap and
 * do_tune_cpucache run on one more per-world "kernel" thread. Exactly one of them runs at a time: the
 * caller's thread hands a baton to it and blocks until the step's atomic part is over. A world may be
 * used from any one thread at a time (it is not safe to call two functions on the same world
 * concurrently); different worlds are independent.
 *
 * Errors. No function aborts on bad arguments or impossible steps: they return CSLAB_R_ERROR with an
 * error code (cslab_result.error) and leave the world unchanged.
 *
 * After a BUG (or another stop: hang, oops, use-after-free stop) the world is "crashed": the snapshot
 * shows the state at the stop, and every further step returns CSLAB_E_CRASHED.
 */
#ifndef CSLAB_H
#define CSLAB_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Fixed maxima. Configurations beyond them are refused by cslab_create with an error message. */
#define CSLAB_MAX_CPUS 8
#define CSLAB_MAX_PAGES 64
#define CSLAB_MAX_NUM 64
#define CSLAB_MAX_LIMIT 1024   /* per-CPU limit and shared-array limit (incl. tuned ones) */
#define CSLAB_MAX_TASKS 16
#define CSLAB_MAX_TUNINGS 8
#define CSLAB_MAX_OBJECTS (CSLAB_MAX_PAGES * CSLAB_MAX_NUM)
#define CSLAB_SITE_LEN 96

/* Object ids (object i of slot s is s*num + i). */
#define CSLAB_OBJ_NONE (-1) /* "no object": NULL, or BUFCTL_END in free / bufctl */
#define CSLAB_OBJ_WILD (-2) /* an array entry that is not the address of any object of the pool */

/* The refill: the seed, or the seed with one of its mutants (Documentation/Model.md, Mutants). */
typedef enum cslab_variant {
    CSLAB_SEED = 0,
    CSLAB_STALE_AC,           /* "stale-ac" */
    CSLAB_RETRY_IGNORES_IRQ,  /* "retry-ignores-irq" */
    CSLAB_SHARED_COUNTS_FREE, /* "shared-counts-free" */
    CSLAB_NO_FREE_DECREMENT,  /* "no-free-decrement" */
    CSLAB_SLAB_STAYS_PARTIAL, /* "slab-stays-partial" */
    CSLAB_SHARED_WRONG_END,   /* "shared-wrong-end" */
    CSLAB_OVERRUN_SLAB,       /* "overrun-slab" */
    CSLAB_GROW_UNCOUNTED,     /* "grow-uncounted" */
    CSLAB_GROW_FAIL_IRQS_ON,  /* "grow-fail-irqs-on" */
    CSLAB_VARIANT_COUNT
} cslab_variant;

/* What happens when code touches an array_cache that tune has replaced (freed). In every policy the
 * access is first detected and counted as an ac-current violation. */
typedef enum cslab_uaf_policy {
    /* Go on as the kernel would if the freed memory had not been reused: the retired array is kept
     * (poisoned under ASan) until cslab_destroy and is unpoisoned for the access. Default. */
    CSLAB_UAF_CONTINUE = 0,
    /* End the run: the world becomes crashed with code CSLAB_STOP_USE_AFTER_FREE. */
    CSLAB_UAF_STOP = 1,
    /* Really touch the poisoned memory: under ASan the process dies with a use-after-poison report
     * (this is the "ASan catches it" mode; without ASan it behaves as CONTINUE). */
    CSLAB_UAF_REAL = 2,
} cslab_uaf_policy;

typedef struct cslab_tuning {
    int limit;
    int batchcount;
    int shared_factor; /* the new shared array has batchcount * shared_factor entries */
} cslab_tuning;

typedef struct cslab_config {
    int cpus;              /* 1..CSLAB_MAX_CPUS */
    int num;               /* objects per slab, 1..CSLAB_MAX_NUM; num objects must fit in a page */
    int limit;             /* ac->limit, 1..CSLAB_MAX_LIMIT */
    int batchcount;        /* ac->batchcount, 1..limit */
    int shared_limit;      /* capacity of l3->shared; 0 = no shared array; <= CSLAB_MAX_LIMIT */
    int batchrefill_limit; /* BATCHREFILL_LIMIT, >= 0 */
    int free_limit;        /* cachep->free_limit, >= 0 */
    int pages;             /* 1..CSLAB_MAX_PAGES */
    int tasks;             /* 1..CSLAB_MAX_TASKS; task t starts on CPU t % cpus */
    int objsize;           /* bytes per object; 0 means 32 */
    int grow_may_fail;     /* nonzero: growDone(t, 0) allowed while a dead page exists */
    int uaf_policy;        /* a cslab_uaf_policy */
    int ntunings;          /* 0..CSLAB_MAX_TUNINGS */
    cslab_tuning tunings[CSLAB_MAX_TUNINGS];
} cslab_config;

typedef struct cslab_world cslab_world;

/* Result kinds. */
enum {
    CSLAB_R_OBJECT = 0, /* an allocation returned object `object` */
    CSLAB_R_NULL = 1,   /* an allocation returned NULL */
    CSLAB_R_PARKED = 2, /* the task stopped: in cache_grow, or at an irqs-on point (see task_status) */
    CSLAB_R_BUG = 3,    /* the step hit BUG()/BUG_ON or another stop (bug_code, bug_site); world crashed */
    CSLAB_R_ERROR = 4,  /* impossible step or bad argument (error); nothing changed */
    CSLAB_R_DONE = 5,   /* a step without a value (free, irqFree, migrate, reap, tune) finished */
};

/* Error codes (cslab_result.error; 0 = none). */
enum {
    CSLAB_OK = 0,
    CSLAB_E_NULL_ARG = 1,
    CSLAB_E_BAD_TASK = 2,      /* task index out of range */
    CSLAB_E_BAD_CPU = 3,       /* cpu out of range (or migrate to the task's own cpu) */
    CSLAB_E_TASK_BUSY = 4,     /* alloc/free on a task that is not idle */
    CSLAB_E_NOT_PARKED = 5,    /* growDone/migrate on a task not parked in cache_grow */
    CSLAB_E_NO_DEAD_PAGE = 6,  /* growDone(ok=1) with every page live */
    CSLAB_E_GROW_MUST_SUCCEED = 7, /* a grow told to fail (growDone(ok=0) with a dead page, or
                                    * irqAlloc(growFails=1)) while grow_may_fail == 0 */
    CSLAB_E_NOT_HELD = 8,      /* free of an object nobody holds (or not an object id) */
    CSLAB_E_BAD_TUNING = 9,    /* tune(k) with k out of range */
    CSLAB_E_CRASHED = 10,      /* the world is crashed: no more steps */
    CSLAB_E_NOT_AT_POINT = 11, /* resume on a task that is not stopped at an irqs-on point */
};

/* Stop codes (cslab_result.bug_code, cslab_snapshot.bug_code). The first two are the kernel's own
 * BUG_ON sites (property no-bug); the others end a run where the kernel would hang or oops. */
enum {
    CSLAB_BUG_NONE = 0,
    CSLAB_BUG_REFILL_AVAIL = 1,      /* cache_alloc_refill: BUG_ON(ac->avail > 0) at retry */
    CSLAB_BUG_REAP_INUSE = 2,        /* cache_reap: BUG_ON(slabp->inuse) */
    CSLAB_STOP_HANG = 3,             /* refill-terminates: pass budget exceeded in one step */
    CSLAB_STOP_OOPS = 4,             /* a wild access (overrun-slab reads bufctl[BUFCTL_END]) */
    CSLAB_STOP_USE_AFTER_FREE = 5,   /* CSLAB_UAF_STOP: access to an array replaced by tune */
    CSLAB_STOP_SPINLOCK = 6,         /* spin_lock on a lock already held */
    CSLAB_STOP_OUT_OF_BOUNDS = 7,    /* avail-bounds: an access outside an array_cache's entries,
                                      * stopped before it touches memory (bug_site names where) */
};

/* Task status. */
enum {
    CSLAB_TASK_IDLE = 0,
    CSLAB_TASK_PARKED_IN_GROW = 1, /* sleeping in cache_grow with interrupts on */
    CSLAB_TASK_AT_POINT = 2,       /* grow-fail-irqs-on: stopped before irqs-on point `point` */
    CSLAB_TASK_CRASHED = 3,        /* this task hit the stop that crashed the world */
};

/* The irqs-on interleaving points (CSLAB_TASK_AT_POINT: the task is stopped BEFORE point k). */
enum {
    CSLAB_POINT_NONE = 0,
    CSLAB_POINT_RELOAD = 1,   /* ac = ac_data(cachep) */
    CSLAB_POINT_NULL_TEST = 2,/* if (!x && ac->avail == 0) return NULL */
    CSLAB_POINT_RETRY_TEST = 3, /* if (!ac->avail) goto retry (+ the retry's locked part) */
    CSLAB_POINT_DECREMENT = 4,/* ac->touched = 1; --ac->avail */
    CSLAB_POINT_READ = 5,     /* return ac_entry(ac)[idx], idx = the value the decrement produced */
};

typedef struct cslab_result {
    int kind;          /* CSLAB_R_* */
    int error;         /* CSLAB_E_* when kind == CSLAB_R_ERROR, else 0 */
    int32_t object;    /* object id for CSLAB_R_OBJECT (may be CSLAB_OBJ_WILD), else -1 */
    int task_status;   /* for task steps: the task's status after the step; else -1 */
    int point;         /* for CSLAB_TASK_AT_POINT: the next point; else 0 */
    int bug_code;      /* CSLAB_BUG_* / CSLAB_STOP_* when kind == CSLAB_R_BUG */
    char bug_site[CSLAB_SITE_LEN]; /* e.g. "cache_alloc_refill:BUG_ON(ac->avail > 0)" */
    /* Observations made during this step. */
    int irqs_off_violations;   /* accesses to an array_cache with interrupts on (check_irq_off) */
    int ac_current_violations; /* accesses to an array_cache not installed for the running CPU */
    int double_handout;        /* the object returned was already held by someone */
} cslab_result;

typedef struct cslab_array_snapshot {
    int present; /* shared only: 0 when l3->shared is NULL (per-CPU arrays are always present) */
    int avail, limit, batchcount, touched;
    int32_t entries[CSLAB_MAX_LIMIT]; /* object ids of entries[0..avail) (only those are filled) */
} cslab_array_snapshot;

typedef struct cslab_slot_snapshot {
    int live;
    int inuse;       /* slabp->inuse (0 for a dead slot) */
    int32_t free;    /* slabp->free: object index, or -1 for BUFCTL_END (dead: -1) */
    int32_t bufctl[CSLAB_MAX_NUM]; /* [0..num): next index or -1 for END (dead: -1) */
} cslab_slot_snapshot;

typedef struct cslab_task_snapshot {
    int status; /* CSLAB_TASK_* */
    int cpu;    /* current CPU */
    int point;  /* CSLAB_POINT_* when status == CSLAB_TASK_AT_POINT, else 0 */
} cslab_task_snapshot;

/* The type is cslab_snapshot_t because C cannot give a typedef and the function cslab_snapshot()
 * the same name. It is about 60 KB: allocate it on the heap. */
typedef struct cslab_snapshot_t {
    int cpus, num, pages, tasks;
    cslab_array_snapshot ac[CSLAB_MAX_CPUS];
    cslab_array_snapshot shared;
    /* The lists as slot numbers, head (list.next) first. */
    int npartial, nfull, nfree;
    int partial[CSLAB_MAX_PAGES], full[CSLAB_MAX_PAGES], freel[CSLAB_MAX_PAGES];
    cslab_slot_snapshot slot[CSLAB_MAX_PAGES];
    uint64_t free_objects; /* unsigned long, wrapped value */
    int free_touched;
    uint64_t free_limit;
    cslab_task_snapshot task[CSLAB_MAX_TASKS];
    /* held[o] = how many callers hold object o (0, 1, or more after a double hand-out) */
    uint8_t held[CSLAB_MAX_OBJECTS];
    int irqs_on[CSLAB_MAX_CPUS];
    int crashed;
    int bug_code;
    char bug_site[CSLAB_SITE_LEN];
    /* Cumulative observations since creation. */
    int irqs_off_violations, ac_current_violations, double_handouts, null_returns;
} cslab_snapshot_t;

/* Creates a world: the cache with its per-CPU arrays (and the shared array when shared_limit > 0),
 * all pages dead, all tasks idle. Returns NULL and writes a message to err on an invalid config. */
cslab_world *cslab_create(const cslab_config *cfg, int variant, char *err, size_t errlen);

/* Joins every thread (parked ones are cancelled at their park point) and frees everything. */
void cslab_destroy(cslab_world *w);

/* The steps (Documentation/Model.md, Steps). */
cslab_result cslab_alloc(cslab_world *w, int task);
cslab_result cslab_grow_done(cslab_world *w, int task, int ok);
cslab_result cslab_free(cslab_world *w, int task, int32_t obj);
/* grow_fails: the interrupt's GFP_ATOMIC cache_grow fails though a page is free (memory pressure;
 * needs grow_may_fail, else CSLAB_E_GROW_MUST_SUCCEED). */
cslab_result cslab_irq_alloc(cslab_world *w, int cpu, int grow_fails);
cslab_result cslab_irq_free(cslab_world *w, int cpu, int32_t obj);
cslab_result cslab_migrate(cslab_world *w, int task, int cpu);
cslab_result cslab_reap(cslab_world *w, int cpu, int full);
cslab_result cslab_tune(cslab_world *w, int k);
cslab_result cslab_resume(cslab_world *w, int task);

/* Reads the real structures back. Returns 0, or CSLAB_E_NULL_ARG. */
int cslab_snapshot(const cslab_world *w, cslab_snapshot_t *out);

/* Names: "seed", "stale-ac", ... (NULL when out of range), and the reverse (-1 when unknown). */
const char *cslab_variant_name(int variant);
int cslab_variant_from_name(const char *name);
/* A short message for an error code. */
const char *cslab_error_name(int error);
/* 1 when this library was built with AddressSanitizer. */
int cslab_built_with_asan(void);
/* Under ASan: 1 if the first byte of object `obj` is poisoned (it is on a slab's free chain, in an
 * array, or its page is dead), 0 if not (a caller holds it). -1 without ASan or for a bad id. */
int cslab_object_poisoned(const cslab_world *w, int32_t obj);
/* Fault injection, for tests of the guards: sets l3->shared->avail as a buggy path would leave it
 * (a refill that does not clamp batchcount wraps it below 0). Returns 0, or CSLAB_E_NULL_ARG when
 * there is no shared array. */
int cslab_corrupt_shared_avail(cslab_world *w, unsigned int avail);
/* A config with the given sizes and the rest at kernel-like defaults (objsize 32, no tunings). */
cslab_config cslab_default_config(int cpus, int num, int limit, int batchcount, int shared_limit,
                                  int pages);

#ifdef __cplusplus
}
#endif
#endif
