# xwin.py: the few X11 calls the accessibility walk needs, through ctypes
# (libX11 and libXtst come with GTK and at-spi2-core, so no extra tool):
# find a client's window, give it the keyboard focus, press keys with the
# XTest extension, resize it, read the minimum size GTK asks for, and grab
# its pixels as a PNG.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import ctypes
import ctypes.util
import struct
import time
import zlib

_x11 = ctypes.CDLL(ctypes.util.find_library('X11') or 'libX11.so.6')
_xtst = ctypes.CDLL(ctypes.util.find_library('Xtst') or 'libXtst.so.6')

Window = ctypes.c_ulong
Atom = ctypes.c_ulong


class XSizeHints(ctypes.Structure):
    _fields_ = [('flags', ctypes.c_long), ('x', ctypes.c_int), ('y', ctypes.c_int),
                ('width', ctypes.c_int), ('height', ctypes.c_int),
                ('min_width', ctypes.c_int), ('min_height', ctypes.c_int),
                ('max_width', ctypes.c_int), ('max_height', ctypes.c_int),
                ('width_inc', ctypes.c_int), ('height_inc', ctypes.c_int),
                ('min_aspect_x', ctypes.c_int), ('min_aspect_y', ctypes.c_int),
                ('max_aspect_x', ctypes.c_int), ('max_aspect_y', ctypes.c_int),
                ('base_width', ctypes.c_int), ('base_height', ctypes.c_int),
                ('win_gravity', ctypes.c_int)]


class XWindowAttributes(ctypes.Structure):
    _fields_ = [('x', ctypes.c_int), ('y', ctypes.c_int), ('width', ctypes.c_int),
                ('height', ctypes.c_int), ('border_width', ctypes.c_int),
                ('depth', ctypes.c_int), ('visual', ctypes.c_void_p), ('root', Window),
                ('class_', ctypes.c_int), ('bit_gravity', ctypes.c_int),
                ('win_gravity', ctypes.c_int), ('backing_store', ctypes.c_int),
                ('backing_planes', ctypes.c_ulong), ('backing_pixel', ctypes.c_ulong),
                ('save_under', ctypes.c_int), ('colormap', ctypes.c_ulong),
                ('map_installed', ctypes.c_int), ('map_state', ctypes.c_int),
                ('all_event_masks', ctypes.c_long), ('your_event_mask', ctypes.c_long),
                ('do_not_propagate_mask', ctypes.c_long),
                ('override_redirect', ctypes.c_int), ('screen', ctypes.c_void_p)]


class XImage(ctypes.Structure):
    _fields_ = [('width', ctypes.c_int), ('height', ctypes.c_int), ('xoffset', ctypes.c_int),
                ('format', ctypes.c_int), ('data', ctypes.POINTER(ctypes.c_ubyte)),
                ('byte_order', ctypes.c_int), ('bitmap_unit', ctypes.c_int),
                ('bitmap_bit_order', ctypes.c_int), ('bitmap_pad', ctypes.c_int),
                ('depth', ctypes.c_int), ('bytes_per_line', ctypes.c_int),
                ('bits_per_pixel', ctypes.c_int), ('red_mask', ctypes.c_ulong),
                ('green_mask', ctypes.c_ulong), ('blue_mask', ctypes.c_ulong)]


_x11.XOpenDisplay.restype = ctypes.c_void_p
_x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
_x11.XDefaultRootWindow.restype = Window
_x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
_x11.XInternAtom.restype = Atom
_x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
_x11.XQueryTree.argtypes = [ctypes.c_void_p, Window, ctypes.POINTER(Window), ctypes.POINTER(Window),
                            ctypes.POINTER(ctypes.POINTER(Window)), ctypes.POINTER(ctypes.c_uint)]
_x11.XGetWindowProperty.argtypes = [ctypes.c_void_p, Window, Atom, ctypes.c_long, ctypes.c_long,
                                    ctypes.c_int, Atom, ctypes.POINTER(Atom),
                                    ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
                                    ctypes.POINTER(ctypes.c_ulong),
                                    ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte))]
_x11.XFree.argtypes = [ctypes.c_void_p]
_x11.XGetWindowAttributes.argtypes = [ctypes.c_void_p, Window, ctypes.POINTER(XWindowAttributes)]
_x11.XGetWMNormalHints.argtypes = [ctypes.c_void_p, Window, ctypes.POINTER(XSizeHints),
                                   ctypes.POINTER(ctypes.c_long)]
_x11.XResizeWindow.argtypes = [ctypes.c_void_p, Window, ctypes.c_uint, ctypes.c_uint]
_x11.XMoveWindow.argtypes = [ctypes.c_void_p, Window, ctypes.c_int, ctypes.c_int]
_x11.XSetInputFocus.argtypes = [ctypes.c_void_p, Window, ctypes.c_int, ctypes.c_ulong]
_x11.XRaiseWindow.argtypes = [ctypes.c_void_p, Window]
_x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
_x11.XFlush.argtypes = [ctypes.c_void_p]
_x11.XKeysymToKeycode.restype = ctypes.c_ubyte
_x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
_x11.XStringToKeysym.restype = ctypes.c_ulong
_x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
_x11.XDisplayKeycodes.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int)]
_x11.XGetKeyboardMapping.restype = ctypes.POINTER(ctypes.c_ulong)
_x11.XGetKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_ubyte, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
_x11.XChangeKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                        ctypes.POINTER(ctypes.c_ulong), ctypes.c_int]
_x11.XGetImage.restype = ctypes.POINTER(XImage)
_x11.XGetImage.argtypes = [ctypes.c_void_p, Window, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                           ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
_x11.XDestroyImage = None  # a macro; XFree on the struct and data instead
_xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]

ZPixmap = 2
AllPlanes = 0xffffffff
RevertToParent = 2
PMinSize = 1 << 4

MODIFIERS = {'ctrl': 'Control_L', 'control': 'Control_L', 'alt': 'Alt_L',
             'shift': 'Shift_L', 'super': 'Super_L'}


class Display:
    def __init__(self, name=None):
        self.dpy = _x11.XOpenDisplay(name.encode() if name else None)
        if not self.dpy:
            raise RuntimeError('cannot open the X display')
        self.root = _x11.XDefaultRootWindow(self.dpy)
        self._spare = None

    def _atom(self, name):
        return _x11.XInternAtom(self.dpy, name.encode(), 0)

    def _children(self, window):
        root, parent = Window(), Window()
        children = ctypes.POINTER(Window)()
        n = ctypes.c_uint()
        if not _x11.XQueryTree(self.dpy, window, ctypes.byref(root), ctypes.byref(parent),
                               ctypes.byref(children), ctypes.byref(n)):
            return []
        out = [children[i] for i in range(n.value)]
        if children:
            _x11.XFree(children)
        return out

    def _cardinal(self, window, name):
        type_, fmt = Atom(), ctypes.c_int()
        n, after = ctypes.c_ulong(), ctypes.c_ulong()
        data = ctypes.POINTER(ctypes.c_ubyte)()
        if _x11.XGetWindowProperty(self.dpy, window, self._atom(name), 0, 1, 0, 0,
                                   ctypes.byref(type_), ctypes.byref(fmt), ctypes.byref(n),
                                   ctypes.byref(after), ctypes.byref(data)) != 0 or not data:
            return None
        value = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[0] if n.value else None
        _x11.XFree(data)
        return value

    def attributes(self, window):
        attrs = XWindowAttributes()
        _x11.XGetWindowAttributes(self.dpy, window, ctypes.byref(attrs))
        return attrs

    def windows_of_pid(self, pid):
        """Mapped top-level windows whose _NET_WM_PID is @pid, largest first."""
        found = []
        for w in self._children(self.root):
            if self._cardinal(w, '_NET_WM_PID') == pid:
                a = self.attributes(w)
                if a.map_state == 2:  # IsViewable
                    found.append((a.width * a.height, w))
        return [w for _, w in sorted(found, reverse=True)]

    def geometry(self, window):
        a = self.attributes(window)
        return a.x, a.y, a.width, a.height

    def min_size(self, window):
        """The minimum size in WM_NORMAL_HINTS (GTK keeps it up to date)."""
        hints, supplied = XSizeHints(), ctypes.c_long()
        if not _x11.XGetWMNormalHints(self.dpy, window, ctypes.byref(hints), ctypes.byref(supplied)):
            return None
        if not hints.flags & PMinSize:
            return None
        return hints.min_width, hints.min_height

    def resize(self, window, width, height):
        _x11.XMoveWindow(self.dpy, window, 0, 0)
        _x11.XResizeWindow(self.dpy, window, width, height)
        _x11.XSync(self.dpy, 0)

    def focus(self, window):
        _x11.XRaiseWindow(self.dpy, window)
        _x11.XSetInputFocus(self.dpy, window, RevertToParent, 0)
        _x11.XSync(self.dpy, 0)

    def _keycode(self, keysym):
        code = _x11.XKeysymToKeycode(self.dpy, keysym)
        if code:
            return code
        # Not on the keyboard (a Chinese character): map it to a spare key,
        # as xdotool does.
        if self._spare is None:
            lo, hi = ctypes.c_int(), ctypes.c_int()
            _x11.XDisplayKeycodes(self.dpy, ctypes.byref(lo), ctypes.byref(hi))
            per = ctypes.c_int()
            syms = _x11.XGetKeyboardMapping(self.dpy, lo.value, hi.value - lo.value + 1, ctypes.byref(per))
            for code in range(hi.value, lo.value - 1, -1):
                base = (code - lo.value) * per.value
                if all(syms[base + i] == 0 for i in range(per.value)):
                    self._spare = code
                    break
            _x11.XFree(syms)
            if self._spare is None:
                raise RuntimeError('no spare keycode to type with')
        pair = (ctypes.c_ulong * 2)(keysym, keysym)
        _x11.XChangeKeyboardMapping(self.dpy, self._spare, 2, pair, 1)
        _x11.XSync(self.dpy, 0)
        # Let the client see the MappingNotify before the key arrives.
        time.sleep(0.15)
        return self._spare

    def key(self, combo):
        """Press and release @combo, e.g. 'Tab', 'shift+Tab', 'alt+Right', 'ctrl+l'."""
        parts = combo.split('+')
        mods = [MODIFIERS[m.lower()] for m in parts[:-1]]
        name = parts[-1]
        keysym = _x11.XStringToKeysym(name.encode())
        if keysym == 0:
            raise ValueError('unknown key %r' % name)
        codes = [self._keycode(_x11.XStringToKeysym(m.encode())) for m in mods]
        code = self._keycode(keysym)
        for c in codes:
            _xtst.XTestFakeKeyEvent(self.dpy, c, 1, 0)
        _xtst.XTestFakeKeyEvent(self.dpy, code, 1, 0)
        _xtst.XTestFakeKeyEvent(self.dpy, code, 0, 0)
        for c in reversed(codes):
            _xtst.XTestFakeKeyEvent(self.dpy, c, 0, 0)
        _x11.XSync(self.dpy, 0)

    def type_text(self, text):
        """Type @text key by key (any Unicode character)."""
        for ch in text:
            cp = ord(ch)
            if ch == ' ':
                keysym = _x11.XStringToKeysym(b'space')
            elif 0x20 < cp < 0x7f:
                keysym = cp
            else:
                keysym = 0x1000000 | cp
            shifted = ch.isupper() or ch in '~!@#$%^&*()_+{}|:"<>?'
            code = self._keycode(keysym)
            shift = self._keycode(_x11.XStringToKeysym(b'Shift_L'))
            if shifted and code != self._spare:
                _xtst.XTestFakeKeyEvent(self.dpy, shift, 1, 0)
            _xtst.XTestFakeKeyEvent(self.dpy, code, 1, 0)
            _xtst.XTestFakeKeyEvent(self.dpy, code, 0, 0)
            if shifted and code != self._spare:
                _xtst.XTestFakeKeyEvent(self.dpy, shift, 0, 0)
            _x11.XSync(self.dpy, 0)
            if code == self._spare:
                # The next character remaps the same key: wait for this one.
                time.sleep(0.15)

    def grab_png(self, window, path):
        """Write the window's pixels (24-bit TrueColor) to @path as a PNG."""
        a = self.attributes(window)
        image = _x11.XGetImage(self.dpy, window, 0, 0, a.width, a.height, AllPlanes, ZPixmap)
        if not image:
            raise RuntimeError('XGetImage failed')
        im = image.contents
        if im.bits_per_pixel != 32:
            raise RuntimeError('unsupported depth %d' % im.bits_per_pixel)
        stride = im.bytes_per_line
        raw = ctypes.string_at(im.data, stride * im.height)
        rows = []
        for y in range(im.height):
            row = raw[y * stride:y * stride + im.width * 4]
            # BGRX (little-endian TrueColor) to RGB.
            rgb = bytearray(im.width * 3)
            rgb[0::3] = row[2::4]
            rgb[1::3] = row[1::4]
            rgb[2::3] = row[0::4]
            rows.append(b'\0' + bytes(rgb))
        width, height = im.width, im.height
        _x11.XFree(im.data)
        _x11.XFree(image)

        def chunk(kind, data):
            body = kind + data
            return struct.pack('>I', len(data)) + body + struct.pack('>I', zlib.crc32(body) & 0xffffffff)

        png = (b'\x89PNG\r\n\x1a\n'
               + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
               + chunk(b'IDAT', zlib.compress(b''.join(rows), 6))
               + chunk(b'IEND', b''))
        with open(path, 'wb') as f:
            f.write(png)
        return path
