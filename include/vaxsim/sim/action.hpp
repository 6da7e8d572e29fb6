#pragma once
// What an event does when it fires: a plain function pointer, an object and a 64-bit tag.
//
// An Action is three words, trivially copyable, and never allocates, unlike std::function. Bind a
// member function at compile time with bind<&Site::on_open>(site, tag): the tag is passed to the
// member (when it takes one) and tells, for example, which desk finished.

#include <cstdint>
#include <type_traits>

namespace vaxsim::sim {

struct Action {
  using Fn = void (*)(void* target, std::uint64_t tag);

  Fn fn = nullptr;
  void* target = nullptr;
  std::uint64_t tag = 0;

  void operator()() const { fn(target, tag); }
  explicit operator bool() const { return fn != nullptr; }
};

/// Binds a member function `void T::f()` or `void T::f(std::uint64_t tag)` of `object`.
template <auto Method, class T>
Action bind(T& object, std::uint64_t tag = 0) {
  Action::Fn fn = [](void* target, [[maybe_unused]] std::uint64_t t) {
    auto& self = *static_cast<T*>(target);
    if constexpr (std::is_invocable_v<decltype(Method), T&, std::uint64_t>) {
      (self.*Method)(t);
    } else {
      static_assert(std::is_invocable_v<decltype(Method), T&>,
                    "bind<Method>: Method must be void T::f() or void T::f(std::uint64_t)");
      (self.*Method)();
    }
  };
  return Action{fn, &object, tag};
}

}  // namespace vaxsim::sim
