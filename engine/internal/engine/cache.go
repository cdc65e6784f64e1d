package engine

import (
	"container/list"
	"sync"

	"caracal.dev/engine/internal/wire"
)

// bundleCache keeps prepared bundles, evicting the least recently used when
// either the entry count or the approximate byte total goes over its bound.
type bundleCache struct {
	mu         sync.Mutex
	maxEntries int
	maxBytes   int64
	bytes      int64
	order      *list.List // front = most recently used; values are *cacheEntry
	byKey      map[string]*list.Element
	hits       int64
	misses     int64
	evictions  int64
}

type cacheEntry struct {
	key    string
	bundle *Bundle
}

func newBundleCache(maxEntries int, maxBytes int64) *bundleCache {
	return &bundleCache{maxEntries: maxEntries, maxBytes: maxBytes, order: list.New(), byKey: map[string]*list.Element{}}
}

func (c *bundleCache) get(key string) (*Bundle, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		c.misses++
		return nil, false
	}
	c.hits++
	c.order.MoveToFront(el)
	return el.Value.(*cacheEntry).bundle, true
}

// peek reports presence without counting a hit or refreshing recency.
func (c *bundleCache) peek(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.byKey[key]
	return ok
}

func (c *bundleCache) put(key string, b *Bundle) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[key]; ok {
		c.bytes -= el.Value.(*cacheEntry).bundle.size
		el.Value.(*cacheEntry).bundle = b
		c.bytes += b.size
		c.order.MoveToFront(el)
	} else {
		c.byKey[key] = c.order.PushFront(&cacheEntry{key: key, bundle: b})
		c.bytes += b.size
	}
	// Never evict the entry just added: a single bundle larger than the byte
	// bound is still usable, it simply pushes everything else out.
	for c.order.Len() > 1 && (c.order.Len() > c.maxEntries || c.bytes > c.maxBytes) {
		last := c.order.Back()
		e := last.Value.(*cacheEntry)
		c.order.Remove(last)
		delete(c.byKey, e.key)
		c.bytes -= e.bundle.size
		c.evictions++
	}
}

func (c *bundleCache) stats() wire.CacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return wire.CacheStats{
		Entries: c.order.Len(), Bytes: c.bytes, MaxEntries: c.maxEntries, MaxBytes: c.maxBytes,
		Hits: c.hits, Misses: c.misses, Evictions: c.evictions,
	}
}
