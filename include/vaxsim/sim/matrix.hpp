#pragma once
// Dense matrices and vectors of doubles, column-major: what a run's results are made of (rows
// days, columns cities, nodes or links). Storage and indexing only, no arithmetic, so that the
// result types a planning tool includes stay light; for arithmetic, sim/eigen_view.hpp views the
// same memory as Eigen matrices, without copying.
//
// The layout is Eigen's (column-major, contiguous) and the storage is aligned to 64 bytes, at
// least what Eigen aligns its own matrices to under any instruction set: an Eigen view then
// reduces (sums...) in the very order an Eigen::MatrixXd would, so the numbers do not change.

#include <cassert>
#include <cstddef>
#include <new>
#include <vector>

namespace vaxsim::sim {

/// An index or a size, as Eigen::Index (std::ptrdiff_t): views need no conversion.
using Index = std::ptrdiff_t;

namespace detail {

/// Allocates on 64-byte boundaries (see the top of this file).
template <class T>
struct Align64Allocator {
  using value_type = T;
  static constexpr std::align_val_t kAlignment{64};
  Align64Allocator() = default;
  template <class U>
  Align64Allocator(const Align64Allocator<U>&) {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), kAlignment)); }
  void deallocate(T* p, std::size_t) { ::operator delete(p, kAlignment); }
  friend bool operator==(const Align64Allocator&, const Align64Allocator&) { return true; }
};

using AlignedDoubles = std::vector<double, Align64Allocator<double>>;

}  // namespace detail

/// rows x cols doubles, column-major.
class Matrix {
 public:
  Matrix() = default;
  /// All zero (unlike Eigen's, which leaves new cells uninitialised).
  Matrix(Index rows, Index cols) : Matrix(rows, cols, 0.0) {}

  static Matrix Zero(Index rows, Index cols) { return Matrix(rows, cols, 0.0); }
  static Matrix Constant(Index rows, Index cols, double value) { return {rows, cols, value}; }

  Index rows() const { return rows_; }
  Index cols() const { return cols_; }
  Index size() const { return rows_ * cols_; }

  double& operator()(Index row, Index col) { return values_[at(row, col)]; }
  double operator()(Index row, Index col) const { return values_[at(row, col)]; }

  /// The cells, column after column.
  double* data() { return values_.data(); }
  const double* data() const { return values_.data(); }

  /// Same shape and equal cells (as doubles: NaN equals nothing, -0 equals 0), as Eigen's ==.
  friend bool operator==(const Matrix&, const Matrix&) = default;

 private:
  Matrix(Index rows, Index cols, double value)
      : rows_(rows), cols_(cols), values_(static_cast<std::size_t>(rows * cols), value) {
    assert(rows >= 0 && cols >= 0);
  }
  std::size_t at(Index row, Index col) const {
    assert(row >= 0 && row < rows_ && col >= 0 && col < cols_);
    return static_cast<std::size_t>(row + col * rows_);
  }

  Index rows_ = 0;
  Index cols_ = 0;
  detail::AlignedDoubles values_;
};

/// n doubles: a matrix's single column (rows() == size(), cols() == 1).
class Vector {
 public:
  Vector() = default;
  /// All zero (unlike Eigen's, which leaves new cells uninitialised).
  explicit Vector(Index size) : Vector(size, 0.0) {}

  static Vector Zero(Index size) { return Vector(size, 0.0); }
  static Vector Constant(Index size, double value) { return {size, value}; }

  Index size() const { return static_cast<Index>(values_.size()); }
  Index rows() const { return size(); }
  static constexpr Index cols() { return 1; }

  double& operator()(Index i) { return values_[at(i)]; }
  double operator()(Index i) const { return values_[at(i)]; }
  double& operator[](Index i) { return values_[at(i)]; }
  double operator[](Index i) const { return values_[at(i)]; }

  double* data() { return values_.data(); }
  const double* data() const { return values_.data(); }

  /// Same size and equal cells (as doubles), as Eigen's ==.
  friend bool operator==(const Vector&, const Vector&) = default;

 private:
  Vector(Index size, double value) : values_(static_cast<std::size_t>(size), value) {
    assert(size >= 0);
  }
  std::size_t at(Index i) const {
    assert(i >= 0 && i < size());
    return static_cast<std::size_t>(i);
  }

  detail::AlignedDoubles values_;
};

}  // namespace vaxsim::sim
