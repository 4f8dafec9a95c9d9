//! Login attempt limits per account and per client address (governor's GCRA).
//! In memory: with several instances each keeps its own count.
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;

/// The two limiters login checks before it looks at a password.
#[derive(Debug)]
pub struct LoginLimiter {
    by_account: DefaultKeyedRateLimiter<String>,
    by_address: DefaultKeyedRateLimiter<IpAddr>,
}

impl LoginLimiter {
    /// Allows `per_account` and `per_address` attempts a minute (bursts of that size).
    pub fn new(per_account: u32, per_address: u32) -> Self {
        let q = |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).expect("non-zero"));
        LoginLimiter {
            by_account: RateLimiter::keyed(q(per_account)),
            by_address: RateLimiter::keyed(q(per_address)),
        }
    }

    /// Counts one attempt; false when either limit is exhausted.
    pub fn check(&self, account: &str, address: Option<IpAddr>) -> bool {
        let addr_ok = address.map(|a| self.by_address.check_key(&a).is_ok()).unwrap_or(true);
        let account_ok = self.by_account.check_key(&account.to_string()).is_ok();
        addr_ok && account_ok
    }

    /// Forgets keys whose limits have fully recovered (called periodically).
    pub fn sweep(&self) {
        self.by_account.retain_recent();
        self.by_address.retain_recent();
    }
}
