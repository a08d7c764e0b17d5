/*
 * free.c — the free path: free_block, cache_flusharray, __cache_free (mm/slab.c 2.6.9, less debug
 * and statistics). Documentation/Model.md, Steps, steps 3 and 5, and free_block.
 */
#include "slab.h"

#define FREE_PUSH_SITE "__cache_free: ac_entry(ac)[ac->avail++] past ac->limit"

static void oops_if(int cond, const char *site)
{
    if (unlikely(cond))
        cslab_stop(CSLAB_STOP_OOPS, site);
}

/*
 * free_block
 *
 * Called with cachep->spinlock held: frees nr_objects objects to their slabs.
 */
void free_block(kmem_cache_t *cachep, void **objpp, int nr_objects)
{
    int i;

    check_spinlock_acquired(cachep);

    /* NUMA: move add into loop */
    cachep->lists.free_objects += nr_objects;

    for (i = 0; i < nr_objects; i++) {
        void *objp = objpp[i];
        struct slab *slabp;
        unsigned int objnr;

        slabp = GET_PAGE_SLAB(cachep, objp);
        list_del(&slabp->list);
        objnr = (unsigned int)(((char *)objp - (char *)slabp->s_mem) / cachep->objsize);
        check_slabp(cachep, slabp);
        slab_bufctl(slabp)[objnr] = slabp->free;
        slabp->free = objnr;
        STATS_DEC_ACTIVE(cachep);
        slabp->inuse--;
        check_slabp(cachep, slabp);

        /* fixup slab chains */
        if (slabp->inuse == 0) {
            if (cachep->lists.free_objects > cachep->free_limit) {
                cachep->lists.free_objects -= cachep->num;
                slab_destroy(cachep, slabp);
            } else {
                list_add(&slabp->list, &list3_data(cachep)->slabs_free);
            }
        } else {
            /* Unconditionally move a slab to the end of the
             * partial list on free - maximum time for the
             * other objects to be freed, too.
             */
            list_add_tail(&slabp->list, &list3_data(cachep)->slabs_partial);
        }
    }
}

void cache_flusharray(kmem_cache_t *cachep, struct array_cache *ac)
{
    int batchcount;

    batchcount = ac->batchcount;
    /* The kernel's DEBUG BUG_ON(!batchcount || batchcount > ac->avail) is off in a production
     * build; only an out-of-bounds avail (mutants) would make the memmove below wild. */
    oops_if(ac->avail > ac->limit, "cache_flusharray:oops(ac->avail beyond limit)");
    check_irq_off();
    spin_lock(&cachep->spinlock);
    if (cachep->lists.shared) {
        struct array_cache *shared_array = cachep->lists.shared;
        int max = shared_array->limit - shared_array->avail;
        if (max) {
            if (batchcount > max)
                batchcount = max;
            ac_range(shared_array, shared_array->avail, batchcount,
                     "cache_flusharray: memcpy past shared_array->limit");
            memcpy(&ac_entry(shared_array)[shared_array->avail], &ac_entry(ac)[0],
                   sizeof(void *) * batchcount);
            shared_array->avail += batchcount;
            goto free_done;
        }
    }

    free_block(cachep, &ac_entry(ac)[0], batchcount);
free_done:
    spin_unlock(&cachep->spinlock);
    ac->avail -= batchcount;
    oops_if(ac->avail > ac->limit, "cache_flusharray:oops(ac->avail beyond limit)");
    memmove(&ac_entry(ac)[0], &ac_entry(ac)[batchcount], sizeof(void *) * ac->avail);
}

/*
 * __cache_free
 * Release an obj back to its cache. If the obj has a constructed
 * state, it should be in this state _before_ it is released.
 *
 * Called with disabled ints.
 */
void __cache_free(kmem_cache_t *cachep, void *objp)
{
    struct array_cache *ac = ac_data(cachep);

    check_irq_off();
    AC_ACCESS(ac);
    if (likely(ac->avail < ac->limit)) {
        STATS_INC_FREEHIT(cachep);
        ac_entry(ac)[ac_slot(ac, ac->avail++, FREE_PUSH_SITE)] = objp;
        return;
    } else {
        STATS_INC_FREEMISS(cachep);
        cache_flusharray(cachep, ac);
        ac_entry(ac)[ac_slot(ac, ac->avail++, FREE_PUSH_SITE)] = objp;
    }
}
