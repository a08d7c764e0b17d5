/*
 * sched.c — the deterministic scheduler and the step API.
 *
 * Every task runs on its own pthread; interrupt handlers, cache_reap and do_tune_cpucache run on one
 * more per-world thread (the "kernel thread", whose smp_processor_id() the step sets). Exactly one
 * thread runs at a time: w->running names the context that holds the baton (NULL: the driver, i.e.
 * the caller of the API). A step hands the baton to a context and waits until it is handed back,
 * which happens when the context finishes its command, parks (in cache_grow, or at an irqs-on point
 * of the grow-fail-irqs-on refill), or stops (BUG and friends: a longjmp to the top of its own
 * thread's loop; no jump ever crosses a Swift frame or another thread).
 */
#include "slab.h"

#include <stdlib.h>

/* ---- baton passing ---- */

static void hand_back_locked(struct cslab_world *w)
{
    w->running = NULL;
    pthread_cond_signal(&w->driver_cond);
}

static void hand_back(struct cslab_world *w)
{
    pthread_mutex_lock(&w->mu);
    hand_back_locked(w);
    pthread_mutex_unlock(&w->mu);
}

/* Driver side: run ctx until it hands the baton back. */
static void give_baton(struct cslab_world *w, struct cslab_ctx *ctx)
{
    pthread_mutex_lock(&w->mu);
    w->running = ctx;
    pthread_cond_signal(&ctx->cond);
    while (w->running != NULL)
        pthread_cond_wait(&w->driver_cond, &w->mu);
    pthread_mutex_unlock(&w->mu);
}

void cslab_park(struct cslab_ctx *ctx, int status, int point)
{
    struct cslab_world *w = ctx->w;
    int shutdown;
    pthread_mutex_lock(&w->mu);
    ctx->status = status;
    ctx->point = point;
    ctx->out_kind = CSLAB_R_PARKED;
    hand_back_locked(w);
    while (w->running != ctx)
        pthread_cond_wait(&ctx->cond, &w->mu);
    shutdown = w->shutdown;
    pthread_mutex_unlock(&w->mu);
    if (shutdown)
        longjmp(ctx->stop_jb, 2); /* cslab_destroy: unwind to the thread loop, which exits */
    ctx->point = CSLAB_POINT_NONE;
}

void cslab_irq_point(int point)
{
    struct cslab_ctx *ctx = cslab_current;
    if (ctx->id < 0 || !ctx->w->irqs_on[ctx->cpu])
        return; /* interrupts off: nothing can come in between */
    cslab_park(ctx, CSLAB_TASK_AT_POINT, point);
}

static void run_cmd(struct cslab_ctx *ctx)
{
    struct cslab_world *w = ctx->w;
    kmem_cache_t *cachep = &w->cache;
    unsigned long flags;
    void *obj;
    switch (ctx->cmd) {
    case CMD_ALLOC: /* kmem_cache_alloc(cachep, GFP_KERNEL) */
        obj = __cache_alloc(cachep, GFP_KERNEL);
        ctx->out_obj = obj;
        ctx->out_kind = obj ? CSLAB_R_OBJECT : CSLAB_R_NULL;
        ctx->status = CSLAB_TASK_IDLE;
        ctx->point = CSLAB_POINT_NONE;
        break;
    case CMD_FREE: /* kmem_cache_free */
        local_irq_save(flags);
        __cache_free(cachep, ctx->arg_obj);
        local_irq_restore(flags);
        ctx->out_kind = CSLAB_R_DONE;
        break;
    case CMD_IRQ_ALLOC: /* an interrupt handler on arg_cpu: kmem_cache_alloc(cachep, GFP_ATOMIC) */
        ctx->cpu = ctx->arg_cpu;
        ctx->in_irq = 1;
        local_irq_save(flags); /* the CPU enters the handler with interrupts off */
        obj = __cache_alloc(cachep, GFP_ATOMIC);
        local_irq_restore(flags);
        ctx->in_irq = 0;
        ctx->out_obj = obj;
        ctx->out_kind = obj ? CSLAB_R_OBJECT : CSLAB_R_NULL;
        break;
    case CMD_IRQ_FREE:
        ctx->cpu = ctx->arg_cpu;
        ctx->in_irq = 1;
        local_irq_save(flags);
        {
            unsigned long f2;
            local_irq_save(f2);
            __cache_free(cachep, ctx->arg_obj);
            local_irq_restore(f2);
        }
        local_irq_restore(flags);
        ctx->in_irq = 0;
        ctx->out_kind = CSLAB_R_DONE;
        break;
    case CMD_REAP: /* the cache_reap work item of arg_cpu, process context */
        ctx->cpu = ctx->arg_cpu;
        cache_reap_cpu(cachep, ctx->arg_full);
        ctx->out_kind = CSLAB_R_DONE;
        break;
    case CMD_TUNE: {
        const cslab_tuning *t = &w->cfg.tunings[ctx->arg_k];
        ctx->cpu = 0;
        do_tune_cpucache(cachep, t->limit, t->batchcount, t->shared_factor);
        ctx->out_kind = CSLAB_R_DONE;
        break;
    }
    default:
        ctx->out_kind = CSLAB_R_DONE;
        break;
    }
}

static void *ctx_main(void *arg)
{
    struct cslab_ctx *ctx = arg;
    struct cslab_world *w = ctx->w;
    cslab_current = ctx;
    for (;;) {
        int exit_now;
        pthread_mutex_lock(&w->mu);
        while (w->running != ctx)
            pthread_cond_wait(&ctx->cond, &w->mu);
        exit_now = w->shutdown || ctx->cmd == CMD_EXIT;
        pthread_mutex_unlock(&w->mu);
        if (exit_now)
            break;
        if (setjmp(ctx->stop_jb) == 0)
            run_cmd(ctx);
        else if (w->shutdown) /* cancelled while parked */
            break;
        /* else: a stop (BUG, oops, hang): cslab_stop recorded it */
        hand_back(w);
    }
    hand_back(w);
    return NULL;
}

static int start_one(struct cslab_world *w, struct cslab_ctx *ctx)
{
    (void)w;
    if (pthread_create(&ctx->thread, NULL, ctx_main, ctx) != 0)
        return -1;
    ctx->started = 1;
    w->threads_started++;
    return 0;
}

int cslab_start_threads(struct cslab_world *w)
{
    for (int t = 0; t < w->cfg.tasks; t++)
        if (start_one(w, &w->task[t]))
            return -1;
    return start_one(w, &w->kthread);
}

static void stop_one(struct cslab_world *w, struct cslab_ctx *ctx)
{
    if (!ctx->started)
        return;
    pthread_mutex_lock(&w->mu);
    ctx->cmd = CMD_EXIT;
    pthread_mutex_unlock(&w->mu);
    give_baton(w, ctx);
    pthread_join(ctx->thread, NULL);
    ctx->started = 0;
}

/* Ends every thread that was started: idle ones get CMD_EXIT, parked ones wake up in cslab_park and
 * unwind (longjmp on their own thread) to their loop, which exits. */
void cslab_stop_threads(struct cslab_world *w)
{
    pthread_mutex_lock(&w->mu);
    w->shutdown = 1;
    pthread_mutex_unlock(&w->mu);
    for (int t = 0; t < CSLAB_MAX_TASKS; t++)
        stop_one(w, &w->task[t]);
    stop_one(w, &w->kthread);
    w->threads_started = 0;
}

/* ---- the step API ---- */

static cslab_result blank(void)
{
    cslab_result r;
    memset(&r, 0, sizeof r);
    r.kind = CSLAB_R_DONE;
    r.object = CSLAB_OBJ_NONE;
    r.task_status = -1;
    return r;
}

static cslab_result error(int e)
{
    cslab_result r = blank();
    r.kind = CSLAB_R_ERROR;
    r.error = e;
    return r;
}

static int bad_task(const struct cslab_world *w, int t) { return t < 0 || t >= w->cfg.tasks; }
static int bad_cpu(const struct cslab_world *w, int c) { return c < 0 || c >= w->cfg.cpus; }

static int held_object(const struct cslab_world *w, int32_t obj)
{
    return obj >= 0 && obj < w->cfg.pages * w->cfg.num && w->held[obj] > 0;
}

/* The caller gives the object back: it is poisoned again once nobody holds it. */
static void release_object(struct cslab_world *w, int32_t obj)
{
    if (--w->held[obj] == 0)
        ASAN_POISON_MEMORY_REGION(cslab_obj_addr(w, obj), w->cache.objsize);
}

/* Runs ctx's command (or its continuation) as one step and turns the outcome into a result. */
static cslab_result run_step(struct cslab_world *w, struct cslab_ctx *ctx)
{
    cslab_result r = blank();
    w->step_irqs_off = 0;
    w->step_ac_current = 0;
    ctx->out_kind = CSLAB_R_DONE;
    ctx->out_obj = NULL;
    ctx->passes = 0;
    give_baton(w, ctx);

    r.kind = ctx->out_kind;
    r.irqs_off_violations = w->step_irqs_off;
    r.ac_current_violations = w->step_ac_current;
    w->irqs_off_violations += w->step_irqs_off;
    w->ac_current_violations += w->step_ac_current;
    if (ctx->id >= 0) {
        r.task_status = ctx->status;
        r.point = ctx->status == CSLAB_TASK_AT_POINT ? ctx->point : CSLAB_POINT_NONE;
    }
    if (r.kind == CSLAB_R_BUG) {
        r.bug_code = w->bug_code;
        memcpy(r.bug_site, w->bug_site, sizeof r.bug_site);
    } else if (r.kind == CSLAB_R_NULL) {
        w->null_returns++;
    } else if (r.kind == CSLAB_R_OBJECT) {
        int id = cslab_obj_id(w, ctx->out_obj);
        r.object = id;
        if (id >= 0) {
            if (w->held[id] > 0) {
                r.double_handout = 1;
                w->double_handouts++;
            }
            if (w->held[id] < 255)
                w->held[id]++;
            if (w->live[id / w->cfg.num]) {
                /* the caller uses its object: real memory, checked by ASan */
                ASAN_UNPOISON_MEMORY_REGION(ctx->out_obj, w->cache.objsize);
                memset(ctx->out_obj, 0xA5, w->cache.objsize);
            }
        }
    }
    return r;
}

/* The task a step names, when the world can take a step and the task is in `status`; else NULL
 * with the error code in *e (checked in this order: world, task, crash, status). */
static struct cslab_ctx *task_in(cslab_world *w, int task, int status, int wrong_status, int *e)
{
    *e = !w ? CSLAB_E_NULL_ARG : bad_task(w, task) ? CSLAB_E_BAD_TASK : w->crashed ? CSLAB_E_CRASHED : 0;
    if (*e)
        return NULL;
    struct cslab_ctx *ctx = &w->task[task];
    if (ctx->status != status) {
        *e = wrong_status;
        return NULL;
    }
    return ctx;
}

cslab_result cslab_alloc(cslab_world *w, int task)
{
    int e;
    struct cslab_ctx *ctx = task_in(w, task, CSLAB_TASK_IDLE, CSLAB_E_TASK_BUSY, &e);
    if (!ctx)
        return error(e);
    ctx->cmd = CMD_ALLOC;
    return run_step(w, ctx);
}

cslab_result cslab_grow_done(cslab_world *w, int task, int ok)
{
    int e;
    struct cslab_ctx *ctx = task_in(w, task, CSLAB_TASK_PARKED_IN_GROW, CSLAB_E_NOT_PARKED, &e);
    if (!ctx)
        return error(e);
    int dead = cslab_dead_page(w);
    if (ok && dead < 0)
        return error(CSLAB_E_NO_DEAD_PAGE);
    if (!ok && dead >= 0 && !w->cfg.grow_may_fail)
        return error(CSLAB_E_GROW_MUST_SUCCEED);
    ctx->grow_ok = ok ? 1 : 0;
    return run_step(w, ctx);
}

cslab_result cslab_resume(cslab_world *w, int task)
{
    int e;
    struct cslab_ctx *ctx = task_in(w, task, CSLAB_TASK_AT_POINT, CSLAB_E_NOT_AT_POINT, &e);
    if (!ctx)
        return error(e);
    return run_step(w, ctx);
}

cslab_result cslab_free(cslab_world *w, int task, int32_t obj)
{
    int e;
    struct cslab_ctx *ctx = task_in(w, task, CSLAB_TASK_IDLE, CSLAB_E_TASK_BUSY, &e);
    if (!ctx)
        return error(e);
    if (!held_object(w, obj))
        return error(CSLAB_E_NOT_HELD);
    release_object(w, obj);
    ctx->cmd = CMD_FREE;
    ctx->arg_obj = cslab_obj_addr(w, obj);
    return run_step(w, ctx);
}

cslab_result cslab_irq_alloc(cslab_world *w, int cpu, int grow_fails)
{
    if (!w)
        return error(CSLAB_E_NULL_ARG);
    if (bad_cpu(w, cpu))
        return error(CSLAB_E_BAD_CPU);
    if (w->crashed)
        return error(CSLAB_E_CRASHED);
    if (grow_fails && !w->cfg.grow_may_fail)
        return error(CSLAB_E_GROW_MUST_SUCCEED);
    /* The kernel thread's grow_ok says how its GFP_ATOMIC cache_grow ends where a page is free. */
    w->kthread.grow_ok = grow_fails ? 0 : 1;
    w->kthread.cmd = CMD_IRQ_ALLOC;
    w->kthread.arg_cpu = cpu;
    return run_step(w, &w->kthread);
}

cslab_result cslab_irq_free(cslab_world *w, int cpu, int32_t obj)
{
    if (!w)
        return error(CSLAB_E_NULL_ARG);
    if (bad_cpu(w, cpu))
        return error(CSLAB_E_BAD_CPU);
    if (w->crashed)
        return error(CSLAB_E_CRASHED);
    if (!held_object(w, obj))
        return error(CSLAB_E_NOT_HELD);
    release_object(w, obj);
    w->kthread.cmd = CMD_IRQ_FREE;
    w->kthread.arg_cpu = cpu;
    w->kthread.arg_obj = cslab_obj_addr(w, obj);
    return run_step(w, &w->kthread);
}

cslab_result cslab_migrate(cslab_world *w, int task, int cpu)
{
    if (!w)
        return error(CSLAB_E_NULL_ARG);
    if (bad_task(w, task))
        return error(CSLAB_E_BAD_TASK);
    if (bad_cpu(w, cpu))
        return error(CSLAB_E_BAD_CPU);
    if (w->crashed)
        return error(CSLAB_E_CRASHED);
    struct cslab_ctx *ctx = &w->task[task];
    if (ctx->status != CSLAB_TASK_PARKED_IN_GROW)
        return error(CSLAB_E_NOT_PARKED);
    if (ctx->cpu == cpu)
        return error(CSLAB_E_BAD_CPU);
    pthread_mutex_lock(&w->mu); /* the parked thread reads it when it wakes */
    ctx->cpu = cpu;
    pthread_mutex_unlock(&w->mu);
    cslab_result r = blank();
    r.task_status = ctx->status;
    return r;
}

cslab_result cslab_reap(cslab_world *w, int cpu, int full)
{
    if (!w)
        return error(CSLAB_E_NULL_ARG);
    if (bad_cpu(w, cpu))
        return error(CSLAB_E_BAD_CPU);
    if (w->crashed)
        return error(CSLAB_E_CRASHED);
    w->kthread.cmd = CMD_REAP;
    w->kthread.arg_cpu = cpu;
    w->kthread.arg_full = full ? 1 : 0;
    return run_step(w, &w->kthread);
}

cslab_result cslab_tune(cslab_world *w, int k)
{
    if (!w)
        return error(CSLAB_E_NULL_ARG);
    if (k < 0 || k >= w->cfg.ntunings)
        return error(CSLAB_E_BAD_TUNING);
    if (w->crashed)
        return error(CSLAB_E_CRASHED);
    w->kthread.cmd = CMD_TUNE;
    w->kthread.arg_k = k;
    return run_step(w, &w->kthread);
}
