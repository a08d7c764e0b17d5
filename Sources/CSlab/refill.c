/*
 * refill.c — cache_alloc_refill, statement by statement from the seed
 * (Linux 2.6.9 mm/slab.c, quoted in Documentation/Model.md), and __cache_alloc.
 *
 * Added lines, none of which changes a statement of the seed:
 *   AC_ACCESS(ac)         the ac-current / irqs-off check before code touches ac;
 *   REFILL_PASS()         refill-terminates: counts passes of the outer loop (retries included);
 *   cslab_irq_point(k)    the grow-fail-irqs-on interleaving points (a no-op unless interrupts are
 *                         on at that point, which only that mutant makes possible);
 *   MUTANT(...)           each mutant of Documentation/Model.md (Mutants), at its one place;
 *   bufctl_next           a wild-index guard: where the kernel would read bufctl far out of
 *                         bounds (only mutants get there) the run stops with an oops;
 *   ac_slot/ac_range      bounds guards on ac_entry (slab.h): avail-bounds, at the access's site.
 * `return ac_entry(ac)[--ac->avail];` is written as the decrement followed by the read of the
 * entry at the index the decrement produced, so that point 5 can sit between them.
 */
#include "slab.h"

#include <stdint.h>

#define BATCHREFILL_LIMIT (cache_world(cachep)->cfg.batchrefill_limit)
#define SHARED_COPY_SITE "cache_alloc_refill: memcpy from shared_array entries out of bounds"

#define BUG_ON(condition)                                                                        \
    do {                                                                                         \
        if (unlikely((condition) != 0))                                                          \
            cslab_stop(CSLAB_BUG_REFILL_AVAIL, "cache_alloc_refill:BUG_ON(" #condition ")");     \
    } while (0)

#define REFILL_PASS()                                                                            \
    do {                                                                                         \
        if (++cslab_current->passes > cache_world(cachep)->pass_budget)                          \
            cslab_stop(CSLAB_STOP_HANG, "cache_alloc_refill:refill-terminates(pass budget exceeded)"); \
    } while (0)

/* slab_bufctl(slabp)[i] where the kernel would read it even for i == BUFCTL_END. */
static kmem_bufctl_t bufctl_next(kmem_cache_t *cachep, struct slab *slabp, kmem_bufctl_t i)
{
    if (i >= cachep->num)
        cslab_stop(CSLAB_STOP_OOPS, "cache_alloc_refill:oops(slab_bufctl(slabp)[slabp->free] out of bounds)");
    return slab_bufctl(slabp)[i];
}

void *cache_alloc_refill(kmem_cache_t *cachep, int flags)
{
    int batchcount;
    struct kmem_list3 *l3;
    struct array_cache *ac;

    check_irq_off();
    ac = ac_data(cachep);
retry:
    REFILL_PASS();
    AC_ACCESS(ac);
    batchcount = ac->batchcount;
    if (!ac->touched && batchcount > BATCHREFILL_LIMIT) {
        /* if there was little recent activity on this
         * cache, then perform only a partial refill.
         * Otherwise we could generate refill bouncing.
         */
        batchcount = BATCHREFILL_LIMIT;
    }
    l3 = list3_data(cachep);

    BUG_ON(ac->avail > 0);
    spin_lock(&cachep->spinlock);
    if (l3->shared) {
        struct array_cache *shared_array = l3->shared;
        if (shared_array->avail) {
            if (batchcount > shared_array->avail)
                batchcount = shared_array->avail;
            shared_array->avail -= batchcount;
            ac->avail = batchcount;
            if (MUTANT(CSLAB_SHARED_WRONG_END)) { /* shared-wrong-end: the one place */
                ac_range(shared_array, 0, batchcount, SHARED_COPY_SITE);
                memcpy(ac_entry(ac), &ac_entry(shared_array)[0], sizeof(void *) * batchcount);
            } else {
                ac_range(shared_array, shared_array->avail, batchcount, SHARED_COPY_SITE);
                memcpy(ac_entry(ac), &ac_entry(shared_array)[shared_array->avail],
                       sizeof(void *) * batchcount);
            }
            shared_array->touched = 1;
            if (MUTANT(CSLAB_SHARED_COUNTS_FREE)) /* shared-counts-free: the one place */
                l3->free_objects -= ac->avail;
            goto alloc_done;
        }
    }
    while (batchcount > 0) {
        struct list_head *entry;
        struct slab *slabp;
        REFILL_PASS();
        /* Get slab alloc is to come from. */
        entry = l3->slabs_partial.next;
        if (entry == &l3->slabs_partial) {
            l3->free_touched = 1;
            entry = l3->slabs_free.next;
            if (entry == &l3->slabs_free)
                goto must_grow;
        }

        slabp = list_entry(entry, struct slab, list);
        check_slabp(cachep, slabp);
        check_spinlock_acquired(cachep);
        while ((MUTANT(CSLAB_OVERRUN_SLAB) /* overrun-slab: the one place */
                    ? slabp->inuse <= cachep->num
                    : slabp->inuse < cachep->num) &&
               batchcount--) {
            kmem_bufctl_t next;
            STATS_INC_ALLOCED(cachep);
            STATS_INC_ACTIVE(cachep);
            STATS_SET_HIGH(cachep);

            /* get obj pointer (32-bit index arithmetic, as in the kernel) */
            ac_entry(ac)[ac_slot(ac, ac->avail++, "cache_alloc_refill: ac_entry(ac)[ac->avail++] past ac->limit")] =
                (void *)((uintptr_t)slabp->s_mem + (unsigned int)(slabp->free * cachep->objsize));

            slabp->inuse++;
            next = bufctl_next(cachep, slabp, slabp->free);
            slabp->free = next;
        }
        check_slabp(cachep, slabp);

        /* move slabp to correct slabp list: */
        list_del(&slabp->list);
        if (slabp->free == BUFCTL_END && !MUTANT(CSLAB_SLAB_STAYS_PARTIAL)) /* slab-stays-partial */
            list_add(&slabp->list, &l3->slabs_full);
        else
            list_add(&slabp->list, &l3->slabs_partial);
    }

must_grow:
    if (!MUTANT(CSLAB_NO_FREE_DECREMENT)) /* no-free-decrement: the one place */
        l3->free_objects -= ac->avail;
alloc_done:
    spin_unlock(&cachep->spinlock);

    if (unlikely(!ac->avail)) {
        int x;
        x = cache_grow(cachep, flags);

        // cache_grow can reenable interrupts, then ac could change.
        cslab_irq_point(CSLAB_POINT_RELOAD);
        if (!MUTANT(CSLAB_STALE_AC)) /* stale-ac: the one place */
            ac = ac_data(cachep);
        cslab_irq_point(CSLAB_POINT_NULL_TEST);
        if (!x && (AC_ACCESS(ac), ac->avail == 0)) // no objects in sight? abort
            return NULL;

        cslab_irq_point(CSLAB_POINT_RETRY_TEST);
        if (MUTANT(CSLAB_RETRY_IGNORES_IRQ) /* retry-ignores-irq: the one place */
                ? (x || (AC_ACCESS(ac), !ac->avail))
                : (AC_ACCESS(ac), !ac->avail)) // objects refilled by interrupt?
            goto retry;
    }
    {
        unsigned int idx;
        cslab_irq_point(CSLAB_POINT_DECREMENT);
        AC_ACCESS(ac);
        ac->touched = 1;
        idx = --ac->avail;
        cslab_irq_point(CSLAB_POINT_READ);
        AC_ACCESS(ac);
        return ac_entry(ac)[ac_slot(ac, idx, "cache_alloc_refill: ac_entry(ac)[--ac->avail] out of bounds")];
    }
}

void *__cache_alloc(kmem_cache_t *cachep, int flags)
{
    unsigned long save_flags;
    void *objp;
    struct array_cache *ac;

    local_irq_save(save_flags);
    ac = ac_data(cachep);
    AC_ACCESS(ac);
    if (likely(ac->avail)) {
        STATS_INC_ALLOCHIT(cachep);
        ac->touched = 1;
        objp = ac_entry(ac)[ac_slot(ac, --ac->avail, "__cache_alloc: ac_entry(ac)[--ac->avail] out of bounds")];
    } else {
        STATS_INC_ALLOCMISS(cachep);
        objp = cache_alloc_refill(cachep, flags);
    }
    local_irq_restore(save_flags);
    return objp;
}
