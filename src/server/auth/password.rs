//! Argon2id password hashes with the OWASP parameters (19 MiB, 2 passes, 1 lane).
//!
//! Every hash and check runs on a few threads of its own (one per core), fed by a
//! bounded queue. A flood of requests that hash waits its turn, and once the queue
//! is full gets 429 (`RateLimited`): it never makes more than one 19 MiB buffer per
//! core live at once, and the memory a hash frees stays with those same threads
//! (on the shared blocking pool each of hundreds of threads could keep its own
//! allocator arena full of freed buffers). The async threads never stall on it.
use crate::model::AppError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, OnceLock};

/// Hashes waiting for a thread, beyond those running; more are refused with 429.
pub const QUEUE: usize = 32;

type Job = Box<dyn FnOnce() + Send>;

/// Argon2 computations started since the process began (hashes and checks), for
/// tests and diagnostics: a request refused before hashing leaves it unchanged.
pub static COMPUTED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The queue into the hashing threads (started on first use).
fn queue() -> &'static SyncSender<Job> {
    static QUEUE_TX: OnceLock<SyncSender<Job>> = OnceLock::new();
    QUEUE_TX.get_or_init(|| {
        let (tx, rx) = sync_channel::<Job>(QUEUE);
        let rx: Arc<Mutex<Receiver<Job>>> = Arc::new(Mutex::new(rx));
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        for i in 0..threads {
            let rx = rx.clone();
            std::thread::Builder::new()
                .name(format!("argon2-{i}"))
                .spawn(move || loop {
                    let job = match rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                })
                .expect("spawning a hashing thread");
        }
        tx
    })
}

/// Runs `f` on a hashing thread; `RateLimited` when the queue is full.
async fn on_hash_thread<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        COMPUTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let _ = tx.send(f());
    });
    match queue().try_send(job) {
        Ok(()) => {}
        Err(TrySendError::Full(_)) => return Err(AppError::RateLimited),
        Err(TrySendError::Disconnected(_)) => return Err(super::super::internal("hashing threads", "stopped")),
    }
    rx.await.map_err(|e| super::super::internal("hash job", e))
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 params");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a new password.
pub async fn hash(password: String) -> Result<String, AppError> {
    on_hash_thread(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| super::super::internal("hashing password", e))
    })
    .await?
}

/// A hash of a password nobody has, verified when the account does not exist so
/// that a wrong email costs as long as a wrong password.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Fq3zD7gBZZ1Y3nFQn0Sg6W8mJmM2vXbqf6lJ1s1P8s";

/// Checks `password` against `stored` (or against a dummy when there is no account);
/// `RateLimited` when too many checks are waiting.
pub async fn verify(stored: Option<String>, password: String) -> Result<bool, AppError> {
    let known = stored.is_some();
    let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_string());
    let ok = on_hash_thread(move || {
        PasswordHash::new(&stored)
            .map(|h| hasher().verify_password(password.as_bytes(), &h).is_ok())
            .unwrap_or(false)
    })
    .await?;
    Ok(known && ok)
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn round_trip() {
        let h = super::hash("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(super::verify(Some(h.clone()), "correct horse battery".into()).await.unwrap());
        assert!(!super::verify(Some(h), "wrong".into()).await.unwrap());
        assert!(!super::verify(None, "anything".into()).await.unwrap());
    }

    /// A burst far larger than the queue: some wait and succeed, the rest are
    /// refused at once with `RateLimited`; none fails otherwise.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_burst_queues_then_is_refused() {
        let calls: Vec<_> = (0..super::QUEUE * 4).map(|_| tokio::spawn(super::hash("p".repeat(12)))).collect();
        let mut ok = 0;
        let mut limited = 0;
        for c in calls {
            match c.await.unwrap() {
                Ok(_) => ok += 1,
                Err(crate::model::AppError::RateLimited) => limited += 1,
                Err(e) => panic!("unexpected {e:?}"),
            }
        }
        assert!(ok >= super::QUEUE, "at least a queue's worth ran: {ok}");
        assert!(limited > 0, "the rest were refused");
        assert_eq!(ok + limited, super::QUEUE * 4);
    }
}
