#pragma once
// Eigen views of sim::Matrix and sim::Vector (the results' numbers), for planning tools and
// compiled code that do arithmetic on them: as_eigen(result.table.column(m)).sum(). Opt-in, so
// that only those who want Eigen parse it. A view is an Eigen::Map over the same memory, no
// copy; it lives as long as the matrix is neither destroyed nor reassigned.
//
// The views say the memory is aligned as Eigen aligns its own matrices (it is, see matrix.hpp),
// so Eigen takes the same code paths, and computes the same bits, as on an Eigen::MatrixXd.

#include <Eigen/Core>

#include "vaxsim/sim/matrix.hpp"

namespace vaxsim::sim {

using EigenMatrixView = Eigen::Map<Eigen::MatrixXd, Eigen::AlignedMax>;
using ConstEigenMatrixView = Eigen::Map<const Eigen::MatrixXd, Eigen::AlignedMax>;
using EigenVectorView = Eigen::Map<Eigen::VectorXd, Eigen::AlignedMax>;
using ConstEigenVectorView = Eigen::Map<const Eigen::VectorXd, Eigen::AlignedMax>;

inline EigenMatrixView as_eigen(Matrix& m) { return {m.data(), m.rows(), m.cols()}; }
inline ConstEigenMatrixView as_eigen(const Matrix& m) { return {m.data(), m.rows(), m.cols()}; }
inline EigenVectorView as_eigen(Vector& v) { return {v.data(), v.size()}; }
inline ConstEigenVectorView as_eigen(const Vector& v) { return {v.data(), v.size()}; }

}  // namespace vaxsim::sim
