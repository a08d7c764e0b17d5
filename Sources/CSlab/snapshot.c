/*
 * snapshot.c — the real state read back by walking the real structures (Documentation/Model.md, State).
 */
#include "slab.h"

static void snap_array(const struct cslab_world *w, const struct array_cache *ac, cslab_array_snapshot *out)
{
    memset(out, 0, sizeof *out);
    if (!ac)
        return;
    out->present = 1;
    out->avail = (int)ac->avail; /* an avail that wrapped (mutants) reads as negative */
    out->limit = (int)ac->limit;
    out->batchcount = (int)ac->batchcount;
    out->touched = (int)ac->touched;
    unsigned int n = ac->avail < ac->limit ? ac->avail : ac->limit;
    if (n > CSLAB_MAX_LIMIT)
        n = CSLAB_MAX_LIMIT;
    for (unsigned int i = 0; i < n; i++)
        out->entries[i] = cslab_obj_id(w, ac_entry(ac)[i]);
}

static int slot_of(const struct cslab_world *w, const struct list_head *node)
{
    const unsigned char *p = (const unsigned char *)node;
    if (p < w->pool || p >= w->pool + w->page_size * (size_t)w->cfg.pages)
        return -1;
    return (int)((size_t)(p - w->pool) / w->page_size);
}

/* A list as slot numbers, head first. A node that is no live slab ends the walk (it is reported as
 * -1, or as its dead slot's number) so that the walk never reads freed memory. */
static int snap_list(const struct cslab_world *w, const struct list_head *head, int *out)
{
    int n = 0;
    for (const struct list_head *p = head->next; p != head && n < CSLAB_MAX_PAGES; p = p->next) {
        int s = slot_of(w, p);
        out[n++] = s;
        if (s < 0 || !w->live[s])
            break;
    }
    return n;
}

int cslab_snapshot(const cslab_world *w, cslab_snapshot_t *out)
{
    if (!w || !out)
        return CSLAB_E_NULL_ARG;
    const kmem_cache_t *cachep = &w->cache;
    int num = w->cfg.num;
    memset(out, 0, sizeof *out);
    out->cpus = w->cfg.cpus;
    out->num = num;
    out->pages = w->cfg.pages;
    out->tasks = w->cfg.tasks;
    for (int c = 0; c < w->cfg.cpus; c++)
        snap_array(w, cachep->array[c], &out->ac[c]);
    snap_array(w, cachep->lists.shared, &out->shared);
    out->npartial = snap_list(w, &cachep->lists.slabs_partial, out->partial);
    out->nfull = snap_list(w, &cachep->lists.slabs_full, out->full);
    out->nfree = snap_list(w, &cachep->lists.slabs_free, out->freel);
    for (int s = 0; s < w->cfg.pages; s++) {
        cslab_slot_snapshot *o = &out->slot[s];
        for (int i = 0; i < CSLAB_MAX_NUM; i++)
            o->bufctl[i] = -1;
        o->free = -1;
        if (!w->live[s])
            continue;
        const struct slab *slabp = (const struct slab *)(w->pool + (size_t)s * w->page_size);
        o->live = 1;
        o->inuse = (int)slabp->inuse;
        o->free = slabp->free == BUFCTL_END ? -1 : (int32_t)slabp->free;
        for (int i = 0; i < num; i++) {
            kmem_bufctl_t b = slab_bufctl(slabp)[i];
            o->bufctl[i] = b == BUFCTL_END ? -1 : (int32_t)b;
        }
    }
    out->free_objects = (uint64_t)cachep->lists.free_objects;
    out->free_touched = cachep->lists.free_touched;
    out->free_limit = cachep->free_limit;
    for (int t = 0; t < w->cfg.tasks; t++) {
        out->task[t].status = w->task[t].status;
        out->task[t].cpu = w->task[t].cpu;
        out->task[t].point = w->task[t].status == CSLAB_TASK_AT_POINT ? w->task[t].point : 0;
    }
    memcpy(out->held, w->held, sizeof out->held);
    for (int c = 0; c < w->cfg.cpus; c++)
        out->irqs_on[c] = w->irqs_on[c];
    out->crashed = w->crashed;
    out->bug_code = w->bug_code;
    memcpy(out->bug_site, w->bug_site, sizeof out->bug_site);
    out->irqs_off_violations = w->irqs_off_violations;
    out->ac_current_violations = w->ac_current_violations;
    out->double_handouts = w->double_handouts;
    out->null_returns = w->null_returns;
    return 0;
}

int cslab_object_poisoned(const cslab_world *w, int32_t obj)
{
    if (!w || obj < 0 || obj >= w->cfg.pages * w->cfg.num)
        return -1;
#ifdef CSLAB_ASAN
    return __asan_address_is_poisoned(cslab_obj_addr((struct cslab_world *)w, obj)) ? 1 : 0;
#else
    return -1;
#endif
}

int cslab_corrupt_shared_avail(cslab_world *w, unsigned int avail)
{
    if (!w || !w->cache.lists.shared)
        return CSLAB_E_NULL_ARG;
    w->cache.lists.shared->avail = avail;
    return CSLAB_OK;
}
