/*
 * tune.c — do_tune_cpucache (Documentation/Model.md, Steps, step 8): new per-CPU arrays installed by a
 * cross-CPU call, free_limit recomputed, the old arrays emptied through free_block and freed, the
 * shared array replaced. The cross-CPU call runs do_ccupdate_local "on" each CPU in turn
 * (smp_processor_id() = that CPU, interrupts off, as an IPI handler).
 */
#include "slab.h"

#include <stdlib.h>

struct ccupdate_struct {
    kmem_cache_t *cachep;
    struct array_cache *new[NR_CPUS];
};

static void do_ccupdate_local(void *info)
{
    struct ccupdate_struct *new = (struct ccupdate_struct *)info;
    struct array_cache *old;

    check_irq_off();
    old = ac_data(new->cachep);

    new->cachep->array[smp_processor_id()] = new->new[smp_processor_id()];
    new->new[smp_processor_id()] = old;
}

/* smp_call_function_all_cpus: the handler on every online CPU, each with interrupts off. */
static void smp_call_function_all_cpus(void (*func)(void *arg), void *arg)
{
    struct cslab_ctx *ctx = cslab_current;
    int home = ctx->cpu, was_irq = ctx->in_irq;
    for (int cpu = 0; cpu < num_online_cpus(); cpu++) {
        unsigned long flags;
        ctx->cpu = cpu;
        ctx->in_irq = 1;
        local_irq_save(flags);
        func(arg);
        local_irq_restore(flags);
    }
    ctx->cpu = home;
    ctx->in_irq = was_irq;
}

int do_tune_cpucache(kmem_cache_t *cachep, int limit, int batchcount, int shared)
{
    struct cslab_world *w = cache_world(cachep);
    struct ccupdate_struct new;
    struct array_cache *new_shared;
    int i;

    memset(&new.new, 0, sizeof(new.new));
    for (i = 0; i < NR_CPUS; i++) {
        if (i < num_online_cpus()) {
            new.new[i] = alloc_arraycache(i, limit, batchcount);
            if (!new.new[i]) {
                for (i--; i >= 0; i--)
                    free(new.new[i]);
                return -1; /* -ENOMEM */
            }
        } else {
            new.new[i] = NULL;
        }
    }
    new.cachep = cachep;

    smp_call_function_all_cpus(do_ccupdate_local, (void *)&new);

    spin_lock_irq(&cachep->spinlock);
    cachep->batchcount = batchcount;
    cachep->limit = limit;
    cachep->free_limit = (1 + num_online_cpus()) * cachep->batchcount + cachep->num;
    spin_unlock_irq(&cachep->spinlock);

    for (i = 0; i < NR_CPUS; i++) {
        struct array_cache *ccold = new.new[i];
        if (!ccold)
            continue;
        spin_lock_irq(&cachep->spinlock);
        if (unlikely(ccold->avail > ccold->limit))
            cslab_stop(CSLAB_STOP_OOPS, "do_tune_cpucache:oops(old ac->avail beyond limit)");
        free_block(cachep, ac_entry(ccold), ccold->avail);
        spin_unlock_irq(&cachep->spinlock);
        cslab_retire_ac(w, ccold, i); /* kfree(ccold) */
    }
    new_shared = alloc_arraycache(-1, batchcount * shared, 0xbaadf00d);
    if (new_shared) {
        struct array_cache *old;

        spin_lock_irq(&cachep->spinlock);
        old = cachep->lists.shared;
        cachep->lists.shared = new_shared;
        if (old)
            free_block(cachep, ac_entry(old), old->avail);
        spin_unlock_irq(&cachep->spinlock);
        cslab_retire_ac(w, old, -1); /* kfree(old) */
    }

    return 0;
}
