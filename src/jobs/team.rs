//! Data-parallel training: the replicas of one job, one per core, and the sum of their
//! gradients (an all-reduce), as in PyTorch's DistributedDataParallel.
//!
//! Every replica holds the same model and draws the same batch from the same seed; replica `r`
//! of `n` computes the gradients of its rows only, weighted by its share of the batch. The
//! shares are summed in rank order (the same additions on every replica, so all of them get the
//! very same sum), and every replica applies the same optimiser step to it: the weights stay
//! identical without ever being sent. For a given `n` and seed the run is deterministic; against
//! one replica only the order of additions differs.
//!
//! How the shares travel (shared memory or messages between workers) is the worker's business:
//! jobs see only [`Team`]. [`Replica`] is one step's bookkeeping, which a job calls until the sum
//! is in.

use std::ops::Range;

use crate::error::Error;

/// Replicas a job may ask for: `navigator.hardwareConcurrency` is capped here, since past a
/// few cores a small model's step is too short to split.
pub const REPLICAS_RANGE: (usize, usize) = (1, 8);

/// Adds the share of replica `rank` into `out`, the sum so far: called in rank order, rank 0
/// first (whose share is copied), it gives every replica the very same sum.
pub fn accumulate(out: &mut [f32], rank: usize, share: &[f32]) {
    if rank == 0 {
        out.copy_from_slice(share);
    } else {
        out.iter_mut().zip(share).for_each(|(o, &s)| *o += s);
    }
}

/// The rank-order sum of every replica's share into `out`, which holds replica `rank`'s own
/// share on entry, bit for bit what [`accumulate`] over ranks 0, 1, … gives, with no copy of
/// the own share: the ranks before it are summed in order in `prefix`, then added to it
/// (`a + b` and `b + a` are the same float), then the ranks after it in order. `fetch(r, buf)`
/// copies replica `r`'s share into `buf`; `incoming` and `prefix` are scratch of `out`'s length
/// (`prefix` is touched only from rank 2 on).
pub fn sum_into_own(
    out: &mut [f32],
    rank: usize,
    size: usize,
    incoming: &mut [f32],
    prefix: &mut [f32],
    mut fetch: impl FnMut(usize, &mut [f32]) -> Result<(), Error>,
) -> Result<(), Error> {
    let add = |to: &mut [f32], from: &[f32]| to.iter_mut().zip(from).for_each(|(t, &f)| *t += f);
    match rank {
        0 => {}
        1 => {
            fetch(0, incoming)?;
            add(out, incoming);
        }
        _ => {
            fetch(0, prefix)?;
            for r in 1..rank {
                fetch(r, incoming)?;
                add(prefix, incoming);
            }
            add(out, prefix);
        }
    }
    for r in rank + 1..size {
        fetch(r, incoming)?;
        add(out, incoming);
    }
    Ok(())
}

/// Rows each replica needs for a split step to pay. Below it, copying the shares and waiting for
/// the slowest replica cost more than the rows saved: in Chromium on 2 cores, batch 32 on 2
/// workers (16 rows each) trained at 0.7× the speed of one worker, batch 128 at 1.5×.
pub const MIN_ROWS: usize = 32;

/// Whether a batch of `batch` rows is worth splitting over `size` replicas; if not, one
/// replica trains it alone.
pub fn pays(size: usize, batch: usize) -> bool {
    size > 1 && batch / size >= MIN_ROWS
}

/// The workers offered to a visitor whose browser reports `hardware_concurrency` logical cores
/// (`navigator.hardwareConcurrency`, absent or 0 in some browsers): one per core, capped.
pub fn replicas_for(hardware_concurrency: f64) -> usize {
    let (lo, hi) = REPLICAS_RANGE;
    if hardware_concurrency.is_finite() {
        (hardware_concurrency as usize).clamp(lo, hi)
    } else {
        lo
    }
}

/// The replicas of one job, seen from one of them.
pub trait Team {
    /// How many replicas share each step.
    fn size(&self) -> usize;
    /// This replica's place among them, 0 first.
    fn rank(&self) -> usize;
    /// Offers this replica's share of step `round`.
    fn send(&self, round: u64, share: &[f32]) -> Result<(), Error>;
    /// Writes the sum over every replica's share of `round`, in rank order, into `out` (which
    /// holds this replica's own share, as sent) once all have arrived (`Ok(true)`); `Ok(false)` if some have not by `deadline` (milliseconds on
    /// the job's clock): the job yields and asks again.
    fn try_sum(&self, round: u64, out: &mut [f32], deadline: f64) -> Result<bool, Error>;
}

/// A team of one: the sum is this replica's own share.
pub struct Solo;

impl Team for Solo {
    fn size(&self) -> usize {
        1
    }
    fn rank(&self) -> usize {
        0
    }
    fn send(&self, _round: u64, _share: &[f32]) -> Result<(), Error> {
        Ok(())
    }
    fn try_sum(&self, _round: u64, _out: &mut [f32], _deadline: f64) -> Result<bool, Error> {
        Ok(true)
    }
}

/// The rows of a batch of `batch` that replica `rank` of `size` trains on: contiguous, sizes
/// differing by at most one.
pub fn rows(rank: usize, size: usize, batch: usize) -> Range<usize> {
    let size = size.max(1);
    batch * rank / size..batch * (rank + 1) / size
}

/// Whether every replica gets at least one row of every batch: an empty share would record no
/// tape, and its optimiser would skip the step the others take.
pub fn check_replicas(replicas: usize, smallest_batch: usize) -> Result<(), Error> {
    let (lo, hi) = REPLICAS_RANGE;
    crate::error::check_range("replicas", replicas, lo, hi.min(smallest_batch.max(1)))
}

/// One data-parallel step in flight: its round and the buffer its share and then the sum travel
/// in: the model's gradients, then the weighted loss, then a vote to stop.
///
/// Replicas stop together: one that stopped on its own clock would leave the others waiting for
/// its share. A job's first replica keeps the time; its vote to stop travels with the next
/// step's share, and that step is not applied by anyone.
pub struct Replica {
    buffer: Vec<f32>,
    round: u64,
    in_flight: bool,
}

/// What [`Replica::finish`] found.
#[derive(Debug, PartialEq)]
pub enum Step {
    /// The sum was in and applied: the loss of the whole batch before the update.
    Done(f32),
    /// A replica voted to stop: nothing was applied, and the job ends here on every replica.
    Stopped,
    /// Some replica's share has not arrived yet.
    Waiting,
}

impl Replica {
    /// For a model of `params` scalars.
    pub fn new(params: usize) -> Replica {
        Replica {
            buffer: vec![0.0; params + 2],
            round: 0,
            in_flight: false,
        }
    }

    /// A step was begun and not yet finished: the batch is drawn, so do not draw another.
    pub fn in_flight(&self) -> bool {
        self.in_flight
    }

    /// Computes this replica's share with `share(gradients)`, which fills the model's gradients
    /// and returns its part of the loss, and offers it to the team; or, with `stop`, offers a
    /// vote to stop instead (the step will not be applied, so its gradients are not computed).
    pub fn begin(
        &mut self,
        team: &dyn Team,
        stop: bool,
        share: impl FnOnce(&mut [f32]) -> Result<f32, Error>,
    ) -> Result<(), Error> {
        let (grads, loss, vote) = self.split();
        if stop {
            grads.fill(0.0);
            *loss = 0.0;
        } else {
            *loss = share(grads)?;
        }
        *vote = if stop { 1.0 } else { 0.0 };
        team.send(self.round, &self.buffer)?;
        self.in_flight = true;
        Ok(())
    }

    /// Once every share is in, hands their summed gradients to `apply` (the optimiser step).
    pub fn finish(
        &mut self,
        team: &dyn Team,
        deadline: f64,
        apply: impl FnOnce(&[f32]) -> Result<(), Error>,
    ) -> Result<Step, Error> {
        if !team.try_sum(self.round, &mut self.buffer, deadline)? {
            return Ok(Step::Waiting);
        }
        self.in_flight = false;
        self.round += 1;
        let (grads, loss, vote) = self.split();
        if *vote > 0.0 {
            return Ok(Step::Stopped);
        }
        let loss = *loss;
        apply(grads)?;
        Ok(Step::Done(loss))
    }

    /// (gradients, loss, vote to stop).
    fn split(&mut self) -> (&mut [f32], &mut f32, &mut f32) {
        let (tail, grads) = self.buffer.split_at_mut(2);
        let [loss, vote] = tail else {
            unreachable!("a replica's buffer starts with the loss and the vote")
        };
        (grads, loss, vote)
    }
}

/// In-process replicas for the native tests: shares land in one mailbox, and a replica's sum is
/// ready once all of its round are there.
#[cfg(test)]
pub mod local {
    use std::cell::RefCell;
    use std::collections::BTreeMap;
    use std::rc::Rc;

    use super::Team;
    use crate::error::Error;

    type Mailbox = Rc<RefCell<BTreeMap<(u64, usize), Vec<f32>>>>;

    pub struct Member {
        rank: usize,
        size: usize,
        mailbox: Mailbox,
    }

    /// `size` members sharing one mailbox.
    pub fn team(size: usize) -> Vec<Member> {
        let mailbox = Mailbox::default();
        (0..size)
            .map(|rank| Member {
                rank,
                size,
                mailbox: mailbox.clone(),
            })
            .collect()
    }

    impl Team for Member {
        fn size(&self) -> usize {
            self.size
        }
        fn rank(&self) -> usize {
            self.rank
        }
        fn send(&self, round: u64, share: &[f32]) -> Result<(), Error> {
            self.mailbox
                .borrow_mut()
                .insert((round, self.rank), share.to_vec());
            Ok(())
        }
        fn try_sum(&self, round: u64, out: &mut [f32], _deadline: f64) -> Result<bool, Error> {
            let mailbox = self.mailbox.borrow();
            if (0..self.size).any(|r| !mailbox.contains_key(&(round, r))) {
                return Ok(false);
            }
            // As the workers' shared memory sums: in place, onto the own share.
            let (mut incoming, mut prefix) = (vec![0.0; out.len()], vec![0.0; out.len()]);
            super::sum_into_own(
                out,
                self.rank,
                self.size,
                &mut incoming,
                &mut prefix,
                |r, buf| {
                    buf.copy_from_slice(&mailbox[&(round, r)]);
                    Ok(())
                },
            )?;
            Ok(true)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summing_onto_the_own_share_gives_every_replica_the_rank_order_sum_bit_for_bit() {
        let mut rng = crate::rng::Rng::seed(5);
        for size in 1..=5 {
            // Values of mixed scale, so that the order of additions shows in the bits.
            let shares: Vec<Vec<f32>> = (0..size)
                .map(|_| {
                    (0..64)
                        .map(|_| rng.normal() * 10f32.powi(rng.below(7) as i32 - 3))
                        .collect()
                })
                .collect();
            let mut want = vec![0.0; 64];
            for (r, share) in shares.iter().enumerate() {
                accumulate(&mut want, r, share);
            }
            for rank in 0..size {
                let mut out = shares[rank].clone();
                let (mut incoming, mut prefix) = (vec![0.0; 64], vec![0.0; 64]);
                sum_into_own(
                    &mut out,
                    rank,
                    size,
                    &mut incoming,
                    &mut prefix,
                    |r, buf| {
                        assert_ne!(r, rank, "the own share is never fetched");
                        buf.copy_from_slice(&shares[r]);
                        Ok(())
                    },
                )
                .unwrap();
                let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&out), bits(&want), "rank {rank} of {size}");
            }
        }
    }

    #[test]
    fn rows_cover_the_batch_once_in_near_equal_parts() {
        for (size, batch) in [(1, 7), (2, 32), (3, 32), (4, 5), (8, 256)] {
            let parts: Vec<_> = (0..size).map(|r| rows(r, size, batch)).collect();
            assert_eq!(parts[0].start, 0);
            assert_eq!(parts[size - 1].end, batch);
            for w in parts.windows(2) {
                assert_eq!(w[0].end, w[1].start);
            }
            let lens: Vec<_> = parts.iter().map(|p| p.len()).collect();
            let (lo, hi) = (lens.iter().min().unwrap(), lens.iter().max().unwrap());
            assert!(hi - lo <= 1 && *lo > 0, "{size} of {batch}: {lens:?}");
        }
    }

    #[test]
    fn small_batches_stay_on_one_replica() {
        assert!(!pays(1, 256));
        assert!(!pays(2, 32));
        assert!(pays(2, 64));
        assert!(!pays(4, 64));
        assert!(pays(4, 128));
    }

    #[test]
    fn every_core_is_offered_up_to_the_cap() {
        assert_eq!(replicas_for(2.0), 2);
        assert_eq!(replicas_for(64.0), 8);
        assert_eq!(replicas_for(0.0), 1);
        assert_eq!(replicas_for(f64::NAN), 1);
    }

    #[test]
    fn a_replica_without_rows_is_refused() {
        assert!(check_replicas(2, 2).is_ok());
        assert!(check_replicas(3, 2).is_err());
        assert!(check_replicas(0, 32).is_err());
        assert!(check_replicas(9, 256).is_err());
    }

    #[test]
    fn a_step_waits_for_every_share_then_every_replica_gets_the_same_sum() {
        let team = local::team(2);
        let mut replicas = [Replica::new(2), Replica::new(2)];
        replicas[0]
            .begin(&team[0], false, |g| {
                g.copy_from_slice(&[1.0, 2.0]);
                Ok(0.25)
            })
            .unwrap();
        let mut applied = Vec::new();
        let step = replicas[0].finish(&team[0], 0.0, |_| unreachable!("not all in"));
        assert_eq!(step.unwrap(), Step::Waiting);
        assert!(replicas[0].in_flight());
        replicas[1]
            .begin(&team[1], false, |g| {
                g.copy_from_slice(&[10.0, 20.0]);
                Ok(0.5)
            })
            .unwrap();
        for (r, replica) in replicas.iter_mut().enumerate() {
            let step = replica.finish(&team[r], 0.0, |g| {
                applied.push(g.to_vec());
                Ok(())
            });
            assert_eq!(step.unwrap(), Step::Done(0.75));
            assert!(!replica.in_flight());
        }
        assert_eq!(applied, [vec![11.0, 22.0], vec![11.0, 22.0]]);
    }

    #[test]
    fn a_vote_to_stop_ends_the_step_on_every_replica_unapplied() {
        let team = local::team(2);
        let mut replicas = [Replica::new(1), Replica::new(1)];
        replicas[0]
            .begin(&team[0], true, |_| {
                unreachable!("a stopping replica computes nothing")
            })
            .unwrap();
        replicas[1]
            .begin(&team[1], false, |g| {
                g[0] = 1.0;
                Ok(0.5)
            })
            .unwrap();
        for (r, replica) in replicas.iter_mut().enumerate() {
            let step = replica.finish(&team[r], 0.0, |_| unreachable!("not applied"));
            assert_eq!(step.unwrap(), Step::Stopped);
        }
    }
}
