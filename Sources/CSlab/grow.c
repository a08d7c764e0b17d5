/*
 * grow.c — the page pool and cache_grow / slab_destroy.
 *
 * The pool is `pages` page-aligned pages. A slab occupies one page: its struct slab and its
 * kmem_bufctl_t array at the start of the page (on-slab management, colour offset 0), then the
 * objects; object i of the slab in slot s is s_mem + i*objsize and has the model id s*num + i.
 * A dead page is poisoned under ASan; a grown slab's header is unpoisoned, its objects stay
 * poisoned until they are handed to a caller.
 */
#include "slab.h"

#include <stdint.h>

size_t cslab_mgmt_size(int num);

static unsigned char *page_addr(const struct cslab_world *w, int slot)
{
    return w->pool + (size_t)slot * w->page_size;
}

struct slab *cslab_page_slab(struct cslab_world *w, int slot) { return (struct slab *)page_addr(w, slot); }

int cslab_dead_page(const struct cslab_world *w)
{
    for (int s = 0; s < w->cfg.pages; s++)
        if (!w->live[s])
            return s;
    return -1;
}

/* The model id of an object address, or CSLAB_OBJ_WILD. Needs no live slab: the layout is fixed. */
int cslab_obj_id(const struct cslab_world *w, const void *objp)
{
    uintptr_t a = (uintptr_t)objp, base = (uintptr_t)w->pool;
    if (!objp || a < base || a >= base + w->page_size * (size_t)w->cfg.pages)
        return CSLAB_OBJ_WILD;
    size_t slot = (a - base) / w->page_size;
    uintptr_t s_mem = base + slot * w->page_size + cslab_mgmt_size(w->cfg.num);
    if (a < s_mem)
        return CSLAB_OBJ_WILD;
    size_t off = a - s_mem, objsize = w->cache.objsize;
    if (off % objsize != 0 || off / objsize >= (size_t)w->cfg.num)
        return CSLAB_OBJ_WILD;
    return (int)(slot * (size_t)w->cfg.num + off / objsize);
}

void *cslab_obj_addr(struct cslab_world *w, int id)
{
    if (id < 0 || id >= w->cfg.pages * w->cfg.num)
        return NULL;
    int slot = id / w->cfg.num, i = id % w->cfg.num;
    return page_addr(w, slot) + cslab_mgmt_size(w->cfg.num) + (size_t)i * w->cache.objsize;
}

/* virt_to_page + GET_PAGE_SLAB. An address that is no object, or an object whose slab is dead, is a
 * wild access in the kernel (an oops, or silent corruption of a freed page): the run stops there. */
struct slab *GET_PAGE_SLAB(kmem_cache_t *cachep, void *objp)
{
    struct cslab_world *w = cache_world(cachep);
    int id = cslab_obj_id(w, objp);
    if (id < 0)
        cslab_stop(CSLAB_STOP_OOPS, "free_block:oops(virt_to_page of an address that is no object)");
    int slot = id / w->cfg.num;
    if (!w->live[slot])
        cslab_stop(CSLAB_STOP_OOPS, "free_block:oops(object of a destroyed slab)");
    return cslab_page_slab(w, slot);
}

/* kmem_getpages: the lowest dead page, or NULL. For a sleeping allocation (__GFP_WAIT, a task) the
 * page allocator is where the task sleeps: it parks here until the driver says growDone(task, ok).
 * An atomic one (an interrupt) fails at once under memory pressure: irqAlloc(cpu, growFails). */
static void *kmem_getpages(kmem_cache_t *cachep, int flags)
{
    struct cslab_world *w = cache_world(cachep);
    struct cslab_ctx *ctx = cslab_current;
    if ((flags & __GFP_WAIT) && ctx->id >= 0)
        cslab_park(ctx, CSLAB_TASK_PARKED_IN_GROW, CSLAB_POINT_NONE);
    if (!ctx->grow_ok)
        return NULL;
    int slot = cslab_dead_page(w);
    if (slot < 0)
        return NULL;
    w->live[slot] = 1;
    unsigned char *page = page_addr(w, slot);
    ASAN_UNPOISON_MEMORY_REGION(page, cslab_mgmt_size(w->cfg.num));
    return page;
}

static void kmem_freepages(kmem_cache_t *cachep, void *addr)
{
    struct cslab_world *w = cache_world(cachep);
    int slot = (int)(((unsigned char *)addr - w->pool) / w->page_size);
    w->live[slot] = 0;
    ASAN_POISON_MEMORY_REGION(addr, w->page_size);
}

static struct slab *alloc_slabmgmt(kmem_cache_t *cachep, void *objp)
{
    struct slab *slabp = objp; /* on-slab */
    slabp->inuse = 0;
    slabp->colouroff = 0;
    slabp->s_mem = (char *)objp + cslab_mgmt_size((int)cachep->num);
    return slabp;
}

static void cache_init_objs(kmem_cache_t *cachep, struct slab *slabp)
{
    unsigned int i;
    for (i = 0; i < cachep->num; i++)
        slab_bufctl(slabp)[i] = i + 1;
    slab_bufctl(slabp)[i - 1] = BUFCTL_END;
    slabp->free = 0;
}

/*
 * Grow (by 1) the number of slabs within a cache. Called by kmem_cache_alloc() when there are no
 * active objs left in a cache. (mm/slab.c 2.6.9, less colouring, constructors and debug.)
 */
int cache_grow(kmem_cache_t *cachep, int flags)
{
    struct slab *slabp;
    void *objp;
    unsigned int local_flags = (unsigned int)flags & __GFP_WAIT;

    /* About to mess with non-constant members - lock. */
    check_irq_off();
    spin_lock(&cachep->spinlock);
    /* Get colour for the slab, and cal the next value. (no colouring) */
    spin_unlock(&cachep->spinlock);

    if (local_flags & __GFP_WAIT)
        local_irq_enable();

    /* Get mem for the objs. */
    if (!(objp = kmem_getpages(cachep, flags)))
        goto failed;

    /* Get slab management. */
    slabp = alloc_slabmgmt(cachep, objp);
    cache_init_objs(cachep, slabp);

    if (local_flags & __GFP_WAIT)
        local_irq_disable();
    check_irq_off();
    spin_lock(&cachep->spinlock);

    /* Make slab active. */
    list_add_tail(&slabp->list, &(list3_data(cachep)->slabs_free));
    STATS_INC_GROWN(cachep);
    if (!MUTANT(CSLAB_GROW_UNCOUNTED)) /* grow-uncounted: the one place */
        list3_data(cachep)->free_objects += cachep->num;
    spin_unlock(&cachep->spinlock);
    return 1;
failed:
    /* grow-fail-irqs-on (before 2.5.60's "slab IRQ fix"): the one place */
    if ((local_flags & __GFP_WAIT) && !MUTANT(CSLAB_GROW_FAIL_IRQS_ON))
        local_irq_disable();
    return 0;
}

/* Destroy all the objs in a slab, and release the mem back to the system. */
void slab_destroy(kmem_cache_t *cachep, struct slab *slabp)
{
    kmem_freepages(cachep, (char *)slabp->s_mem - cslab_mgmt_size((int)cachep->num));
}
