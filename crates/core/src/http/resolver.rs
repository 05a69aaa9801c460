//! Name resolution for the agent.
//!
//! ureq resolves the host before every request, even when a pooled connection will be reused,
//! and with a resolve timeout it does each lookup on a freshly spawned thread: one OS thread per
//! API call (measured: ~70 µs of CPU per keep-alive call instead of ~20 µs). This resolver
//! answers IP literals directly and caches host-name answers for a short time, so a keep-alive
//! call does no lookup and spawns nothing; a cache miss still goes through ureq's resolver with
//! its timeout, so `connect_timeout_ms` keeps covering DNS.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use ureq::config::Config as UreqConfig;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// How long a host name's addresses are reused before they are looked up again.
const TTL: Duration = Duration::from_secs(30);
/// Hosts remembered at most (a client talks to two or three); beyond it the cache starts over.
const MAX_HOSTS: usize = 64;

#[derive(Debug)]
pub struct CachingResolver<R: Resolver = DefaultResolver> {
    inner: R,
    ttl: Duration,
    cache: Mutex<HashMap<String, (Instant, Vec<SocketAddr>)>>,
}

impl CachingResolver {
    pub fn new() -> CachingResolver {
        CachingResolver::with_inner(DefaultResolver::default(), TTL)
    }
}

impl<R: Resolver> CachingResolver<R> {
    pub fn with_inner(inner: R, ttl: Duration) -> CachingResolver<R> {
        CachingResolver {
            inner,
            ttl,
            cache: Mutex::new(HashMap::new()),
        }
    }

    fn collect(&self, addrs: &[SocketAddr]) -> ResolvedSocketAddrs {
        let mut out = self.empty();
        for a in addrs.iter().take(16) {
            out.push(*a);
        }
        out
    }
}

/// The port of `uri`, with the scheme's default.
fn port_of(uri: &Uri) -> Option<u16> {
    uri.port_u16().or(match uri.scheme_str() {
        Some("https") => Some(443),
        Some("http") => Some(80),
        _ => None,
    })
}

impl<R: Resolver> Resolver for CachingResolver<R> {
    fn resolve(
        &self,
        uri: &Uri,
        config: &UreqConfig,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let (Some(host), Some(port)) = (uri.host(), port_of(uri)) else {
            return self.inner.resolve(uri, config, timeout);
        };
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        if let Ok(ip) = bare.parse::<IpAddr>() {
            return Ok(self.collect(&[SocketAddr::new(ip, port)]));
        }
        let key = format!("{host}:{port}");
        if let Ok(cache) = self.cache.lock() {
            if let Some((at, addrs)) = cache.get(&key) {
                if at.elapsed() < self.ttl {
                    return Ok(self.collect(addrs));
                }
            }
        }
        let resolved = self.inner.resolve(uri, config, timeout)?;
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= MAX_HOSTS {
                cache.clear();
            }
            cache.insert(key, (Instant::now(), resolved.to_vec()));
        }
        Ok(resolved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Answers 127.0.0.1 for every name and counts the lookups.
    #[derive(Debug, Default)]
    struct Counting(AtomicUsize);

    impl Resolver for Counting {
        fn resolve(&self, uri: &Uri, _: &UreqConfig, _: NextTimeout) -> Result<ResolvedSocketAddrs, ureq::Error> {
            self.0.fetch_add(1, Ordering::SeqCst);
            let mut out = self.empty();
            out.push(SocketAddr::new([127, 0, 0, 1].into(), port_of(uri).unwrap()));
            Ok(out)
        }
    }

    fn resolve<R: Resolver>(r: &CachingResolver<R>, url: &str) -> Vec<SocketAddr> {
        let uri: Uri = url.parse().unwrap();
        r.resolve(&uri, &UreqConfig::default(), NextTimeout::default())
            .unwrap()
            .to_vec()
    }

    #[test]
    fn ip_literals_need_no_lookup() {
        let r = CachingResolver::with_inner(Counting::default(), TTL);
        assert_eq!(
            resolve(&r, "http://127.0.0.1:8080/v1/files"),
            vec!["127.0.0.1:8080".parse().unwrap()]
        );
        assert_eq!(resolve(&r, "https://[::1]/x"), vec!["[::1]:443".parse().unwrap()]);
        assert_eq!(resolve(&r, "http://10.1.2.3/x"), vec!["10.1.2.3:80".parse().unwrap()]);
        assert_eq!(r.inner.0.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn host_names_are_cached_per_host_and_port_until_the_ttl() {
        let r = CachingResolver::with_inner(Counting::default(), TTL);
        for _ in 0..5 {
            assert_eq!(
                resolve(&r, "https://api.example.test/v1/files"),
                vec!["127.0.0.1:443".parse().unwrap()]
            );
        }
        assert_eq!(r.inner.0.load(Ordering::SeqCst), 1);
        resolve(&r, "https://api.example.test:8443/v1/files");
        resolve(&r, "https://upload.example.test/api");
        assert_eq!(r.inner.0.load(Ordering::SeqCst), 3);

        let expired = CachingResolver::with_inner(Counting::default(), Duration::ZERO);
        resolve(&expired, "https://api.example.test/");
        resolve(&expired, "https://api.example.test/");
        assert_eq!(expired.inner.0.load(Ordering::SeqCst), 2);
    }
}
