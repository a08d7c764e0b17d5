/*
 * slab.h — the kernel's data structures and the little kernel environment (list.h, irq flags,
 * spinlocks, smp_processor_id, BUG) that the mm/slab.c code in this target runs in. Internal.
 */
#ifndef CSLAB_SLAB_H
#define CSLAB_SLAB_H

#include "cslab.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>

/* ---- AddressSanitizer manual poisoning ---- */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CSLAB_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(CSLAB_ASAN)
#define CSLAB_ASAN 1
#endif
#ifdef CSLAB_ASAN
void __asan_poison_memory_region(void const volatile *addr, size_t size);
void __asan_unpoison_memory_region(void const volatile *addr, size_t size);
int __asan_address_is_poisoned(void const volatile *addr);
#define ASAN_POISON_MEMORY_REGION(addr, size) __asan_poison_memory_region((addr), (size))
#define ASAN_UNPOISON_MEMORY_REGION(addr, size) __asan_unpoison_memory_region((addr), (size))
#else
#define ASAN_POISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#define ASAN_UNPOISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#endif

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* ---- include/linux/list.h ---- */
struct list_head {
    struct list_head *next, *prev;
};
#define LIST_POISON1 ((struct list_head *)0x00100100)
#define LIST_POISON2 ((struct list_head *)0x00200200)

static inline void INIT_LIST_HEAD(struct list_head *list) { list->next = list; list->prev = list; }
static inline void __list_add(struct list_head *n, struct list_head *prev, struct list_head *next)
{
    next->prev = n;
    n->next = next;
    n->prev = prev;
    prev->next = n;
}
static inline void list_add(struct list_head *n, struct list_head *head) { __list_add(n, head, head->next); }
static inline void list_add_tail(struct list_head *n, struct list_head *head) { __list_add(n, head->prev, head); }
static inline void __list_del(struct list_head *prev, struct list_head *next)
{
    next->prev = prev;
    prev->next = next;
}
static inline void list_del(struct list_head *entry)
{
    __list_del(entry->prev, entry->next);
    entry->next = LIST_POISON1;
    entry->prev = LIST_POISON2;
}
#define list_entry(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))

/* ---- mm/slab.c structures ---- */
#define NR_CPUS CSLAB_MAX_CPUS
typedef unsigned int kmem_bufctl_t;
#define BUFCTL_END 0xffffFFFE

struct slab {
    struct list_head list;
    unsigned long colouroff;
    void *s_mem; /* including colour offset */
    unsigned int inuse; /* num of objs active in slab */
    kmem_bufctl_t free;
};
#define slab_bufctl(slabp) ((kmem_bufctl_t *)(((struct slab *)(slabp)) + 1))

struct array_cache {
    unsigned int avail;
    unsigned int limit;
    unsigned int batchcount;
    unsigned int touched;
};
/* The entries follow the header, as in the kernel. */
#define ac_entry(ac) ((void **)(((struct array_cache *)(ac)) + 1))

struct kmem_list3 {
    struct list_head slabs_partial; /* partial list first, better asm code */
    struct list_head slabs_full;
    struct list_head slabs_free;
    unsigned long free_objects;
    int free_touched;
    unsigned long next_reap;
    struct array_cache *shared;
};

typedef struct spinlock {
    atomic_flag flag;
} spinlock_t;

typedef struct kmem_cache_s {
    /* 1) per-cpu data, touched during every alloc/free */
    struct array_cache *array[NR_CPUS];
    unsigned int batchcount;
    unsigned int limit;
    /* 2) touched by every alloc & free from the backend */
    struct kmem_list3 lists;
    unsigned int objsize;
    unsigned int flags;
    unsigned int num; /* # of objs per slab */
    unsigned int free_limit; /* upper limit of objects in the lists */
    spinlock_t spinlock;
    /* 3) cache_grow/shrink */
    unsigned int gfporder;
    const char *name;
} kmem_cache_t;

#define GFP_ATOMIC 0x20u
#define __GFP_WAIT 0x10u
#define GFP_KERNEL (__GFP_WAIT | 0x40u | 0x80u)

/* ---- the world: the cache, its memory, its threads ---- */

struct cslab_ctx; /* an execution context: a task, or the per-world kernel thread */

enum ctx_cmd {
    CMD_NONE = 0,
    CMD_ALLOC,
    CMD_FREE,
    CMD_IRQ_ALLOC,
    CMD_IRQ_FREE,
    CMD_REAP,
    CMD_TUNE,
    CMD_EXIT,
};

struct cslab_ctx {
    struct cslab_world *w;
    int id;          /* task index, or -1 for the kernel thread */
    int cpu;         /* smp_processor_id() while this context runs */
    int status;      /* CSLAB_TASK_* (tasks) */
    int point;       /* CSLAB_POINT_* when status == CSLAB_TASK_AT_POINT */
    int in_irq;      /* running an interrupt handler */
    pthread_t thread;
    int started;
    pthread_cond_t cond;
    jmp_buf stop_jb; /* where BUG()/cancel return to, on this context's own thread */
    /* the command and its arguments */
    int cmd;
    int arg_cpu, arg_full, arg_k;
    void *arg_obj;
    int grow_ok;     /* set by growDone before the baton comes back */
    /* the step's outcome */
    int out_kind;
    void *out_obj;
    int passes;      /* refill outer-loop passes in this step (refill-terminates) */
};

struct retired_ac {
    struct array_cache *ac;
    size_t bytes;
    int cpu; /* owner, or -1 for a shared array */
    int unpoisoned;
    struct retired_ac *next;
};

struct cslab_world {
    kmem_cache_t cache;
    cslab_config cfg;
    int variant;
    size_t page_size;
    unsigned char *pool; /* pages * page_size bytes, page aligned */
    int live[CSLAB_MAX_PAGES];
    int pass_budget;
    /* per-CPU interrupt state: nonzero = interrupts enabled */
    int irqs_on[CSLAB_MAX_CPUS];
    /* callers' objects */
    unsigned char held[CSLAB_MAX_OBJECTS];
    /* arrays replaced by tune (kept, poisoned, until destroy) */
    struct retired_ac *retired;
    /* observations */
    int crashed;
    int bug_code;
    char bug_site[CSLAB_SITE_LEN];
    int step_irqs_off, step_ac_current; /* in the current step */
    int irqs_off_violations, ac_current_violations, double_handouts, null_returns;
    /* the scheduler */
    pthread_mutex_t mu;
    pthread_cond_t driver_cond;
    struct cslab_ctx *running; /* who holds the baton; NULL = the driver */
    int shutdown;
    int threads_started;
    struct cslab_ctx task[CSLAB_MAX_TASKS];
    struct cslab_ctx kthread;
};

static inline struct cslab_world *cache_world(kmem_cache_t *cachep)
{
    return (struct cslab_world *)((char *)cachep - offsetof(struct cslab_world, cache));
}

/* ---- the kernel environment ---- */
extern _Thread_local struct cslab_ctx *cslab_current;

static inline int smp_processor_id(void) { return cslab_current->cpu; }
#define num_online_cpus() (cslab_current->w->cfg.cpus)

/* Interrupt flags of the running CPU. */
static inline unsigned long local_irq_save_fn(void)
{
    struct cslab_world *w = cslab_current->w;
    unsigned long f = (unsigned long)w->irqs_on[smp_processor_id()];
    w->irqs_on[smp_processor_id()] = 0;
    return f;
}
#define local_irq_save(flags) ((flags) = local_irq_save_fn())
static inline void local_irq_restore(unsigned long flags)
{
    cslab_current->w->irqs_on[smp_processor_id()] = (int)flags;
}
static inline void local_irq_enable(void) { cslab_current->w->irqs_on[smp_processor_id()] = 1; }
static inline void local_irq_disable(void) { cslab_current->w->irqs_on[smp_processor_id()] = 0; }

/* Stops: record and end the current step of the running context (longjmp to its thread loop).
 * Never returns. */
_Noreturn void cslab_stop(int code, const char *site);
#define BUG_SITE(fn, cond) fn ":BUG_ON(" cond ")"

/* check_irq_off(): an irqs-off violation is recorded (not a trap). */
void cslab_check_irq_off(void);
#define check_irq_off() cslab_check_irq_off()

/* An access to a per-CPU array_cache by the code of the alloc/free/reap paths: checks ac-current and
 * irqs-off, and applies the use-after-free policy to an array that tune replaced. */
void cslab_ac_access(kmem_cache_t *cachep, struct array_cache *ac);
#define AC_ACCESS(ac) cslab_ac_access(cachep, (ac))

void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
#define spin_lock_irq(lock) (local_irq_disable(), spin_lock(lock))
#define spin_unlock_irq(lock) (spin_unlock(lock), local_irq_enable())
#define check_spinlock_acquired(cachep) ((void)0)
#define check_slabp(cachep, slabp) ((void)0)

#define STATS_INC_ALLOCED(x) ((void)0)
#define STATS_INC_ACTIVE(x) ((void)0)
#define STATS_SET_HIGH(x) ((void)0)
#define STATS_INC_ALLOCHIT(x) ((void)0)
#define STATS_INC_ALLOCMISS(x) ((void)0)
#define STATS_INC_FREEHIT(x) ((void)0)
#define STATS_INC_FREEMISS(x) ((void)0)
#define STATS_DEC_ACTIVE(x) ((void)0)
#define STATS_INC_GROWN(x) ((void)0)
#define STATS_INC_REAPED(x) ((void)0)

#define ac_data(cachep) ((cachep)->array[smp_processor_id()])
#define list3_data(cachep) (&(cachep)->lists)

/* Whether the running world was built with mutant v. */
#define MUTANT(v) (cache_world(cachep)->variant == (v))

/* ---- entry points between the files ---- */
/* cache.c */
struct array_cache *alloc_arraycache(int cpu, int entries, int batchcount);
void cslab_retire_ac(struct cslab_world *w, struct array_cache *ac, int cpu);
/* grow.c: the page pool */
int cache_grow(kmem_cache_t *cachep, int flags);
void slab_destroy(kmem_cache_t *cachep, struct slab *slabp);
struct slab *cslab_page_slab(struct cslab_world *w, int slot);
struct slab *GET_PAGE_SLAB(kmem_cache_t *cachep, void *objp);
int cslab_obj_id(const struct cslab_world *w, const void *objp);
void *cslab_obj_addr(struct cslab_world *w, int id);
int cslab_dead_page(const struct cslab_world *w);
/* refill.c */
void *cache_alloc_refill(kmem_cache_t *cachep, int flags);
void *__cache_alloc(kmem_cache_t *cachep, int flags);
/* free.c */
void free_block(kmem_cache_t *cachep, void **objpp, int nr_objects);
void cache_flusharray(kmem_cache_t *cachep, struct array_cache *ac);
void __cache_free(kmem_cache_t *cachep, void *objp);
/* reap.c */
void drain_array_locked(kmem_cache_t *cachep, struct array_cache *ac, int force);
void cache_reap_cpu(kmem_cache_t *cachep, int full);
/* tune.c */
int do_tune_cpucache(kmem_cache_t *cachep, int limit, int batchcount, int shared);
/* sched.c */
void cslab_park(struct cslab_ctx *ctx, int status, int point);
/* The irqs-on interleaving point k: stops the task only where its code runs with interrupts on. */
void cslab_irq_point(int point);

/* Bounds guards on ac_entry(ac), where the kernel indexes unchecked: an access outside
 * entries[0..limit) stops the run at `site` (avail-bounds) before it touches memory, as the model
 * stops there. Only mutants and corrupted states get there. */
static inline unsigned int ac_slot(struct array_cache *ac, unsigned int i, const char *site)
{
    if (i >= ac->limit)
        cslab_stop(CSLAB_STOP_OUT_OF_BOUNDS, site);
    return i;
}

/* The same for a memcpy of n entries from entries[start]. */
static inline void ac_range(struct array_cache *ac, unsigned int start, int n, const char *site)
{
    if (start > ac->limit || n < 0 || (unsigned int)n > ac->limit - start)
        cslab_stop(CSLAB_STOP_OUT_OF_BOUNDS, site);
}

#endif
