/*
 * cache.c — creating and destroying a world (the cache, its arrays, its lists), and the kernel
 * environment's checks: BUG/stops, check_irq_off, the ac-current/irqs-off access check, spinlocks.
 */
#include "slab.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

_Thread_local struct cslab_ctx *cslab_current;

/* ---- stops and checks ---- */

_Noreturn void cslab_stop(int code, const char *site)
{
    struct cslab_ctx *ctx = cslab_current;
    struct cslab_world *w = ctx->w;
    w->crashed = 1;
    w->bug_code = code;
    snprintf(w->bug_site, sizeof w->bug_site, "%s", site);
    ctx->out_kind = CSLAB_R_BUG;
    ctx->out_obj = NULL;
    if (ctx->id >= 0) {
        ctx->status = CSLAB_TASK_CRASHED;
        ctx->point = CSLAB_POINT_NONE;
    }
    longjmp(ctx->stop_jb, 1);
}

void cslab_check_irq_off(void)
{
    struct cslab_world *w = cslab_current->w;
    if (w->irqs_on[smp_processor_id()])
        w->step_irqs_off++;
}

static struct retired_ac *find_retired(struct cslab_world *w, const struct array_cache *ac)
{
    for (struct retired_ac *r = w->retired; r; r = r->next)
        if (r->ac == ac)
            return r;
    return NULL;
}

void cslab_ac_access(kmem_cache_t *cachep, struct array_cache *ac)
{
    struct cslab_world *w = cache_world(cachep);
    int cpu = smp_processor_id();
    if (w->irqs_on[cpu])
        w->step_irqs_off++;
    if (ac == cachep->array[cpu])
        return;
    w->step_ac_current++;
    struct retired_ac *r = find_retired(w, ac);
    if (!r)
        return; /* another CPU's installed array: real memory, the kernel goes on */
    switch (w->cfg.uaf_policy) {
    case CSLAB_UAF_STOP:
        cslab_stop(CSLAB_STOP_USE_AFTER_FREE, "ac-current:use of an array_cache replaced by tune");
    case CSLAB_UAF_REAL:
        return; /* the access itself hits poisoned memory: ASan reports it */
    default:
        if (!r->unpoisoned) {
            ASAN_UNPOISON_MEMORY_REGION(r->ac, r->bytes);
            r->unpoisoned = 1;
        }
        return;
    }
}

void spin_lock(spinlock_t *lock)
{
    if (atomic_flag_test_and_set_explicit(&lock->flag, memory_order_acquire))
        cslab_stop(CSLAB_STOP_SPINLOCK, "spin_lock:recursion (lock already held)");
}

void spin_unlock(spinlock_t *lock) { atomic_flag_clear_explicit(&lock->flag, memory_order_release); }

/* ---- array caches ---- */

struct array_cache *alloc_arraycache(int cpu, int entries, int batchcount)
{
    size_t memsize = sizeof(void *) * (size_t)entries + sizeof(struct array_cache);
    struct array_cache *nc;
    (void)cpu;
    nc = malloc(memsize);
    if (nc) {
        memset(nc, 0, memsize); /* kmalloc leaves it uninitialised; zeroed here for replayability */
        nc->avail = 0;
        nc->limit = (unsigned int)entries;
        nc->batchcount = (unsigned int)batchcount;
        nc->touched = 0;
    }
    return nc;
}

/* kfree() of an array that tune replaced: kept (poisoned) so that no later array gets its address,
 * which keeps stale accesses detectable; freed by cslab_destroy. */
void cslab_retire_ac(struct cslab_world *w, struct array_cache *ac, int cpu)
{
    if (!ac)
        return;
    struct retired_ac *r = calloc(1, sizeof *r);
    if (!r) { /* out of memory: free it for real */
        free(ac);
        return;
    }
    r->ac = ac;
    r->bytes = sizeof(struct array_cache) + sizeof(void *) * ac->limit;
    r->cpu = cpu;
    r->next = w->retired;
    w->retired = r;
    ASAN_POISON_MEMORY_REGION(ac, r->bytes);
}

/* ---- configuration ---- */

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static size_t mgmt_size(int num)
{
    size_t s = sizeof(struct slab) + sizeof(kmem_bufctl_t) * (size_t)num;
    return (s + 15) & ~(size_t)15;
}

static int validate(const cslab_config *c, int variant, size_t page, char *err, size_t errlen)
{
    if (variant < 0 || variant >= CSLAB_VARIANT_COUNT)
        return fail(err, errlen, "variant %d is not a cslab_variant", variant);
    if (c->cpus < 1 || c->cpus > CSLAB_MAX_CPUS)
        return fail(err, errlen, "cpus must be in 1...%d, got %d", CSLAB_MAX_CPUS, c->cpus);
    if (c->num < 1 || c->num > CSLAB_MAX_NUM)
        return fail(err, errlen, "num must be in 1...%d, got %d", CSLAB_MAX_NUM, c->num);
    if (c->pages < 1 || c->pages > CSLAB_MAX_PAGES)
        return fail(err, errlen, "pages must be in 1...%d, got %d", CSLAB_MAX_PAGES, c->pages);
    if (c->limit < 1)
        return fail(err, errlen, "limit must be at least 1 (slabinfo_write refuses 0), got %d", c->limit);
    if (c->limit > CSLAB_MAX_LIMIT)
        return fail(err, errlen, "limit must be at most %d, got %d", CSLAB_MAX_LIMIT, c->limit);
    if (c->batchcount < 1 || c->batchcount > c->limit)
        return fail(err, errlen, "batchcount must be in 1...limit (slabinfo_write), got %d with limit %d",
                    c->batchcount, c->limit);
    if (c->shared_limit < 0 || c->shared_limit > CSLAB_MAX_LIMIT)
        return fail(err, errlen, "shared_limit must be in 0...%d, got %d", CSLAB_MAX_LIMIT, c->shared_limit);
    if (c->batchrefill_limit < 0)
        return fail(err, errlen, "batchrefill_limit must be at least 0, got %d", c->batchrefill_limit);
    if (c->free_limit < 0)
        return fail(err, errlen, "free_limit must be at least 0, got %d", c->free_limit);
    if (c->tasks < 1 || c->tasks > CSLAB_MAX_TASKS)
        return fail(err, errlen, "tasks must be in 1...%d, got %d", CSLAB_MAX_TASKS, c->tasks);
    if (c->objsize < 0 || c->objsize > (int)page)
        return fail(err, errlen, "objsize must be in 0...%zu (0 = 32), got %d", page, c->objsize);
    if (c->uaf_policy < CSLAB_UAF_CONTINUE || c->uaf_policy > CSLAB_UAF_REAL)
        return fail(err, errlen, "uaf_policy %d is not a cslab_uaf_policy", c->uaf_policy);
    if (c->ntunings < 0 || c->ntunings > CSLAB_MAX_TUNINGS)
        return fail(err, errlen, "ntunings must be in 0...%d, got %d", CSLAB_MAX_TUNINGS, c->ntunings);
    for (int k = 0; k < c->ntunings; k++) {
        const cslab_tuning *t = &c->tunings[k];
        if (t->limit < 1 || t->limit > CSLAB_MAX_LIMIT)
            return fail(err, errlen, "tuning #%d: limit must be in 1...%d, got %d", k + 1, CSLAB_MAX_LIMIT, t->limit);
        if (t->batchcount < 1 || t->batchcount > t->limit)
            return fail(err, errlen, "tuning #%d: batchcount must be in 1...limit, got %d with limit %d", k + 1,
                        t->batchcount, t->limit);
        if (t->shared_factor < 0 || (long)t->shared_factor * t->batchcount > CSLAB_MAX_LIMIT)
            return fail(err, errlen, "tuning #%d: shared_factor must be >= 0 with batchcount*shared_factor <= %d, got %d",
                        k + 1, CSLAB_MAX_LIMIT, t->shared_factor);
    }
    size_t objsize = (size_t)(c->objsize ? c->objsize : 32);
    objsize = (objsize + 7) & ~(size_t)7;
    if (mgmt_size(c->num) + objsize * (size_t)c->num > page)
        return fail(err, errlen, "num objects of %zu bytes do not fit in a %zu-byte page with the slab header (num %d)",
                    objsize, page, c->num);
    return 0;
}

cslab_config cslab_default_config(int cpus, int num, int limit, int batchcount, int shared_limit, int pages)
{
    cslab_config c;
    memset(&c, 0, sizeof c);
    c.cpus = cpus;
    c.num = num;
    c.limit = limit;
    c.batchcount = batchcount;
    c.shared_limit = shared_limit;
    c.batchrefill_limit = 16;
    c.free_limit = (1 + cpus) * batchcount + num;
    c.pages = pages;
    c.tasks = cpus;
    c.objsize = 32;
    return c;
}

/* sched.c */
int cslab_start_threads(struct cslab_world *w);
void cslab_stop_threads(struct cslab_world *w);

size_t cslab_mgmt_size(int num) { return mgmt_size(num); }

static void free_world(struct cslab_world *w)
{
    kmem_cache_t *cachep = &w->cache;
    for (int c = 0; c < CSLAB_MAX_CPUS; c++)
        free(cachep->array[c]);
    free(cachep->lists.shared);
    while (w->retired) {
        struct retired_ac *r = w->retired;
        w->retired = r->next;
        ASAN_UNPOISON_MEMORY_REGION(r->ac, r->bytes);
        free(r->ac);
        free(r);
    }
    if (w->pool) {
        ASAN_UNPOISON_MEMORY_REGION(w->pool, w->page_size * (size_t)w->cfg.pages);
        free(w->pool);
    }
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->driver_cond);
    for (int t = 0; t < CSLAB_MAX_TASKS; t++)
        pthread_cond_destroy(&w->task[t].cond);
    pthread_cond_destroy(&w->kthread.cond);
    free(w);
}

cslab_world *cslab_create(const cslab_config *cfg, int variant, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = 0;
    if (!cfg) {
        fail(err, errlen, "config is NULL");
        return NULL;
    }
    long ps = sysconf(_SC_PAGESIZE);
    size_t page = ps > 0 ? (size_t)ps : 4096;
    if (validate(cfg, variant, page, err, errlen))
        return NULL;

    struct cslab_world *w = calloc(1, sizeof *w);
    if (!w) {
        fail(err, errlen, "out of memory");
        return NULL;
    }
    w->cfg = *cfg;
    if (w->cfg.objsize == 0)
        w->cfg.objsize = 32;
    w->variant = variant;
    w->page_size = page;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->driver_cond, NULL);
    for (int t = 0; t < CSLAB_MAX_TASKS; t++)
        pthread_cond_init(&w->task[t].cond, NULL);
    pthread_cond_init(&w->kthread.cond, NULL);

    int maxbatch = cfg->batchcount;
    for (int k = 0; k < cfg->ntunings; k++)
        if (cfg->tunings[k].batchcount > maxbatch)
            maxbatch = cfg->tunings[k].batchcount;
    w->pass_budget = 2 * (maxbatch + cfg->pages) + 2;

    w->pool = aligned_alloc(page, page * (size_t)cfg->pages);
    if (!w->pool)
        goto oom;
    ASAN_POISON_MEMORY_REGION(w->pool, page * (size_t)cfg->pages); /* every page starts dead */

    kmem_cache_t *cachep = &w->cache;
    cachep->name = "slabcheck";
    for (int c = 0; c < cfg->cpus; c++) {
        cachep->array[c] = alloc_arraycache(c, cfg->limit, cfg->batchcount);
        if (!cachep->array[c])
            goto oom;
    }
    cachep->batchcount = (unsigned int)cfg->batchcount;
    cachep->limit = (unsigned int)cfg->limit;
    INIT_LIST_HEAD(&cachep->lists.slabs_partial);
    INIT_LIST_HEAD(&cachep->lists.slabs_full);
    INIT_LIST_HEAD(&cachep->lists.slabs_free);
    cachep->lists.free_objects = 0;
    cachep->lists.free_touched = 0;
    cachep->lists.shared = NULL;
    if (cfg->shared_limit > 0) {
        cachep->lists.shared = alloc_arraycache(-1, cfg->shared_limit, 0xbaadf00d);
        if (!cachep->lists.shared)
            goto oom;
    }
    cachep->objsize = (unsigned int)((w->cfg.objsize + 7) & ~7);
    cachep->num = (unsigned int)cfg->num;
    cachep->free_limit = (unsigned int)cfg->free_limit;
    atomic_flag_clear(&cachep->spinlock.flag);

    for (int c = 0; c < CSLAB_MAX_CPUS; c++)
        w->irqs_on[c] = 1; /* between steps interrupts are on everywhere */
    for (int t = 0; t < cfg->tasks; t++) {
        struct cslab_ctx *ctx = &w->task[t];
        ctx->w = w;
        ctx->id = t;
        ctx->cpu = t % cfg->cpus;
        ctx->status = CSLAB_TASK_IDLE;
    }
    w->kthread.w = w;
    w->kthread.id = -1;
    if (cslab_start_threads(w)) {
        fail(err, errlen, "could not start threads");
        cslab_stop_threads(w);
        free_world(w);
        return NULL;
    }
    return w;
oom:
    fail(err, errlen, "out of memory");
    free_world(w);
    return NULL;
}

void cslab_destroy(cslab_world *w)
{
    if (!w)
        return;
    cslab_stop_threads(w);
    free_world(w);
}

int cslab_built_with_asan(void)
{
#ifdef CSLAB_ASAN
    return 1;
#else
    return 0;
#endif
}

static const char *const variant_names[CSLAB_VARIANT_COUNT] = {
    "seed", "stale-ac", "retry-ignores-irq", "shared-counts-free", "no-free-decrement",
    "slab-stays-partial", "shared-wrong-end", "overrun-slab", "grow-uncounted", "grow-fail-irqs-on",
};

const char *cslab_variant_name(int variant)
{
    if (variant < 0 || variant >= CSLAB_VARIANT_COUNT)
        return NULL;
    return variant_names[variant];
}

int cslab_variant_from_name(const char *name)
{
    if (!name)
        return -1;
    for (int v = 0; v < CSLAB_VARIANT_COUNT; v++)
        if (strcmp(name, variant_names[v]) == 0)
            return v;
    return -1;
}

const char *cslab_error_name(int error)
{
    switch (error) {
    case CSLAB_OK: return "ok";
    case CSLAB_E_NULL_ARG: return "a NULL world or argument";
    case CSLAB_E_BAD_TASK: return "no such task";
    case CSLAB_E_BAD_CPU: return "no such cpu (or migration to the task's own cpu)";
    case CSLAB_E_TASK_BUSY: return "the task is not idle";
    case CSLAB_E_NOT_PARKED: return "the task is not sleeping in cache_grow";
    case CSLAB_E_NO_DEAD_PAGE: return "cache_grow cannot succeed: every page is live";
    case CSLAB_E_GROW_MUST_SUCCEED: return "cache_grow cannot fail: a page is free and grow_may_fail is off";
    case CSLAB_E_NOT_HELD: return "the object is not held by anyone";
    case CSLAB_E_BAD_TUNING: return "no such tuning";
    case CSLAB_E_CRASHED: return "the world has crashed (BUG): no more steps";
    case CSLAB_E_NOT_AT_POINT: return "the task is not stopped at an irqs-on point";
    default: return "unknown error";
    }
}
