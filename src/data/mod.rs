//! The data sets the lab trains on, decoded from the assets it ships.
//!
//! The app fetches an asset's bytes; these modules only check, decode and sample them, so they
//! run the same natively, in tests and in the Web Worker (no network, files or clocks here).

mod crc32;
pub mod download;
mod gzip;
pub mod mnist;
mod mnistify;
pub mod own_images;
mod pca;
pub mod sampler;
pub mod split;

pub use mnist::Mnist;
pub use mnistify::mnistify;
pub use pca::Pca;
pub use sampler::Sampler;
pub use split::Split;

#[cfg(test)]
mod tests;
