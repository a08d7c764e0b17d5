/*
 * reap.c — drain_array_locked and cache_reap's work for one CPU (Documentation/Model.md, Steps, step 7).
 *
 * cache_reap walks the cache chain on each CPU from a work queue; here the driver says which CPU
 * (smp_processor_id() is that CPU) and whether the list-level part is due (`full`, which stands for
 * the kernel's `time_after(searchp->lists.next_reap, jiffies)` test being false).
 */
#include "slab.h"

void drain_array_locked(kmem_cache_t *cachep, struct array_cache *ac, int force)
{
    int tofree;

    check_spinlock_acquired(cachep);
    if (ac->touched && !force) {
        ac->touched = 0;
    } else if (ac->avail) {
        tofree = force ? (int)ac->avail : (int)(ac->limit + 4) / 5;
        if (tofree > (int)ac->avail) {
            tofree = (ac->avail + 1) / 2;
        }
        if (unlikely(ac->avail > ac->limit))
            cslab_stop(CSLAB_STOP_OOPS, "drain_array_locked:oops(ac->avail beyond limit)");
        free_block(cachep, ac_entry(ac), tofree);
        ac->avail -= tofree;
        memmove(&ac_entry(ac)[0], &ac_entry(ac)[tofree], sizeof(void *) * ac->avail);
    }
}

void cache_reap_cpu(kmem_cache_t *cachep, int full)
{
    struct list_head *p;
    int tofree;
    struct slab *slabp;
    kmem_cache_t *searchp = cachep;

    spin_lock_irq(&searchp->spinlock);

    AC_ACCESS(ac_data(searchp));
    drain_array_locked(searchp, ac_data(searchp), 0);

    if (!full) /* time_after(searchp->lists.next_reap, jiffies) */
        goto next_unlock;

    if (searchp->lists.shared)
        drain_array_locked(searchp, searchp->lists.shared, 0);

    if (searchp->lists.free_touched) {
        searchp->lists.free_touched = 0;
        goto next_unlock;
    }

    tofree = (searchp->free_limit + 5 * searchp->num - 1) / (5 * searchp->num);
    do {
        p = list3_data(searchp)->slabs_free.next;
        if (p == &(list3_data(searchp)->slabs_free))
            break;

        slabp = list_entry(p, struct slab, list);
        if (unlikely(slabp->inuse))
            cslab_stop(CSLAB_BUG_REAP_INUSE, "cache_reap:BUG_ON(slabp->inuse)");
        list_del(&slabp->list);
        STATS_INC_REAPED(searchp);

        /* Safe to drop the lock. The slab is no longer
         * linked to the cache.
         */
        searchp->lists.free_objects -= searchp->num;
        spin_unlock_irq(&searchp->spinlock);
        slab_destroy(searchp, slabp);
        spin_lock_irq(&searchp->spinlock);
    } while (--tofree > 0);
next_unlock:
    spin_unlock_irq(&searchp->spinlock);
}
